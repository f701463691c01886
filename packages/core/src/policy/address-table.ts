/**
 * Address and CIDR rules: one sorted RangeList per family and port (every-port rules under -1), so a
 * lookup is two binary searches. URL rules on an address with a path prefix sit in a hash beside them.
 */
import type { IpAddress } from './address.js'
import type { AddressRange } from './address-range.js'
import { RangeList } from './range-list.js'
import { addToSlot, betterMatch, matchSlot, type RuleMatch, type RuleSlot } from './rule-slot.js'

const kAnyPort = -1

export class AddressTable {
  readonly #v4 = new Map<number, RangeList<number>>()
  readonly #v6 = new Map<number, RangeList<bigint>>()
  readonly #prefixed = new Map<string, RuleSlot>()

  add(range: AddressRange, port: number | undefined, rule: string, pathPrefix: string | undefined): void {
    if (pathPrefix !== undefined) {
      const key = `${range.family}:${range.start}:${port}`
      let slot = this.#prefixed.get(key)
      if (slot === undefined) {
        slot = {}
        this.#prefixed.set(key, slot)
      }
      addToSlot(slot, rule, pathPrefix)
      return
    }
    const portKey = port ?? kAnyPort
    if (range.family === 4) listFor(this.#v4, portKey).add(range.start, range.end, rule)
    else listFor(this.#v6, portKey).add(range.start, range.end, rule)
  }

  seal(): void {
    for (const list of this.#v4.values()) list.seal()
    for (const list of this.#v6.values()) list.seal()
  }

  match(address: IpAddress, port: number | undefined, requestPath: string | undefined): RuleMatch {
    const plain =
      address.family === 4 ? findIn(this.#v4, address.value, port) : findIn(this.#v6, address.value, port)
    if (plain !== undefined) return { rule: plain }
    if (this.#prefixed.size === 0 || port === undefined) return undefined
    return betterMatch(
      undefined,
      matchSlot(this.#prefixed.get(`${address.family}:${address.value}:${port}`), requestPath),
    )
  }
}

function listFor<T extends number | bigint>(lists: Map<number, RangeList<T>>, port: number): RangeList<T> {
  let list = lists.get(port)
  if (list === undefined) {
    list = new RangeList<T>()
    lists.set(port, list)
  }
  return list
}

function findIn<T extends number | bigint>(
  lists: Map<number, RangeList<T>>,
  value: T,
  port: number | undefined,
): string | undefined {
  const anyPort = lists.get(kAnyPort)?.find(value)
  if (anyPort !== undefined || port === undefined) return anyPort
  return lists.get(port)?.find(value)
}
