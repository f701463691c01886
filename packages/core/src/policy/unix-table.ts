/** `unix:` rules: exact socket paths by hash, directory rules by walking the path's ancestors. */
import type { UnixRule } from './rule.js'

export class UnixTable {
  readonly #exact = new Map<string, string>()
  readonly #directories = new Map<string, string>()

  add(rule: UnixRule): void {
    const map = rule.directory ? this.#directories : this.#exact
    if (!map.has(rule.path)) map.set(rule.path, rule.rule)
  }

  /** The rule admitting a normalised socket path, or undefined. */
  match(path: string): string | undefined {
    const exact = this.#exact.get(path)
    if (exact !== undefined || this.#directories.size === 0) return exact
    for (let slash = path.lastIndexOf('/'); slash >= 0; slash = path.lastIndexOf('/', slash - 1)) {
      const rule = this.#directories.get(path.slice(0, slash + 1))
      if (rule !== undefined) return rule
      if (slash === 0) break
    }
    return undefined
  }
}
