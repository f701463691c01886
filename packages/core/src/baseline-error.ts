/**
 * A baseline file that cannot be trusted: the message names the file and the offending entry.
 *
 *   egress-guard: malformed baseline /repo/egress-baseline.json: projects["api"][1]: "bad host:1" is not a destination
 *
 * Thrown by the one baseline parser, for the CLI and for `@egress-guard/vitest` alike. Like the other
 * errors of egress-guard it carries a stable `code` and a `Symbol.for` brand, so `instanceof` holds
 * across two loaded copies of the package.
 */
const kBrand = Symbol.for('egress-guard.baseline-error')

export class EgressBaselineError extends Error {
  readonly code = 'ERR_EGRESS_BASELINE'
  /** The baseline file. */
  readonly file: string
  /** Where in the file: `projects["core"][2]`, or `(file)` for the whole document. */
  readonly entry: string

  constructor(file: string, entry: string, problem: string, options?: { cause?: unknown }) {
    super(`egress-guard: malformed baseline ${file}: ${entry}: ${problem}`, options)
    this.file = file
    this.entry = entry
    Object.defineProperty(this, kBrand, { value: true })
  }

  override get name(): string {
    return 'EgressBaselineError'
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[kBrand] === true
  }
}
