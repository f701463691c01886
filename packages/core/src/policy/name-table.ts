/** Exact name rules (`host`, `host:port`, URL hosts), found by hash: one or two Map lookups. */
import { addToSlot, betterMatch, matchSlot, type RuleMatch, type RuleSlot } from './rule-slot.js'

export class NameTable {
  /** Key: `name` (every port) or `name:port`. Names hold no `:`, so the keys cannot collide. */
  readonly #slots = new Map<string, RuleSlot>()

  add(name: string, port: number | undefined, rule: string, pathPrefix: string | undefined): void {
    const key = port === undefined ? name : `${name}:${port}`
    let slot = this.#slots.get(key)
    if (slot === undefined) {
      slot = {}
      this.#slots.set(key, slot)
    }
    addToSlot(slot, rule, pathPrefix)
  }

  match(name: string, port: number | undefined, requestPath: string | undefined): RuleMatch {
    const anyPort = matchSlot(this.#slots.get(name), requestPath)
    if (anyPort !== undefined && 'rule' in anyPort) return anyPort
    if (port === undefined) return anyPort
    return betterMatch(anyPort, matchSlot(this.#slots.get(`${name}:${port}`), requestPath))
  }
}
