/**
 * Exact name rules (`host`, `host:port`, URL hosts), found by hash: one Map lookup, then the port.
 * The common entry, one rule for every port, is stored as the bare rule string: one fewer object
 * to fetch from memory when the table is large.
 */
import { addToPortSlots, matchPortSlots, type PortSlots } from './port-slots.js'
import type { RuleMatch } from './rule-slot.js'

export class NameTable {
  readonly #names = new Map<string, string | PortSlots>()

  add(name: string, port: number | undefined, rule: string, pathPrefix: string | undefined): void {
    const entry = this.#names.get(name)
    if (entry === undefined && port === undefined && pathPrefix === undefined) {
      this.#names.set(name, rule)
      return
    }
    if (typeof entry === 'string') return // a rule for every port and path already admits it
    const slots = entry ?? {}
    addToPortSlots(slots, port, rule, pathPrefix)
    this.#names.set(name, slots)
  }

  match(name: string, port: number | undefined, requestPath: string | undefined): RuleMatch {
    const entry = this.#names.get(name)
    if (entry === undefined) return undefined
    if (typeof entry === 'string') return { rule: entry }
    return matchPortSlots(entry, port, requestPath)
  }
}
