/** Exact name rules (`host`, `host:port`, URL hosts), found by hash: one Map lookup, then the port. */
import { addToPortSlots, matchPortSlots, type PortSlots } from './port-slots.js'
import type { RuleMatch } from './rule-slot.js'

export class NameTable {
  readonly #names = new Map<string, PortSlots>()

  add(name: string, port: number | undefined, rule: string, pathPrefix: string | undefined): void {
    let slots = this.#names.get(name)
    if (slots === undefined) {
      slots = {}
      this.#names.set(name, slots)
    }
    addToPortSlots(slots, port, rule, pathPrefix)
  }

  match(name: string, port: number | undefined, requestPath: string | undefined): RuleMatch {
    const slots = this.#names.get(name)
    return slots === undefined ? undefined : matchPortSlots(slots, port, requestPath)
  }
}
