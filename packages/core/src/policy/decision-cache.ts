/**
 * Recent decisions of one policy, by destination. A policy is pure, so a destination it has seen
 * gets the same answer again: a test suite dials the same few hosts thousands of times, and a
 * cached answer costs three Map lookups instead of parsing the address, matching the rules and
 * building the reason (whose string every recorded attempt would otherwise hold a copy of).
 *
 * Only plain `{ host, port, address }` destinations are cached (no unix path, no URL: a path prefix
 * may decide those). The maps are keyed by the caller's own strings, whose hashes V8 keeps, rather
 * than by a key built per call. Answers are frozen, since every caller shares them. The cache is
 * bounded: when full it starts over.
 */
import type { Decision } from './types.js'

const LIMIT = 4096

type ByAddress = Map<string, Decision>
type ByPort = Map<number | undefined, ByAddress>

export class DecisionCache {
  readonly #hosts = new Map<string, ByPort>()
  #size = 0

  /** The decision for `destination`: remembered, or made by `judge` (and remembered when cacheable). */
  answer(destination: unknown, judge: (destination: unknown) => Decision): Decision {
    if (typeof destination !== 'object' || destination === null) return judge(destination)
    const { host = '', port, address = '', path, url } = destination as Record<string, unknown>
    if ((path !== undefined && path !== '') || (url !== undefined && url !== '')) return judge(destination)
    if (typeof host !== 'string' || typeof address !== 'string') return judge(destination)
    if (port !== undefined && typeof port !== 'number') return judge(destination)

    let byPort = this.#hosts.get(host)
    let byAddress = byPort?.get(port)
    const known = byAddress?.get(address)
    if (known) return known

    const decision = Object.freeze(judge(destination))
    if (this.#size >= LIMIT) {
      this.#hosts.clear()
      this.#size = 0
      byPort = undefined
      byAddress = undefined
    }
    if (!byPort) {
      byPort = new Map()
      this.#hosts.set(host, byPort)
    }
    if (!byAddress) {
      byAddress = new Map()
      byPort.set(port, byAddress)
    }
    byAddress.set(address, decision)
    this.#size++
    return decision
  }
}
