/**
 * The per-destination tally of a report: one entry per destination, updated as each attempt is added,
 * so the counts stay exact however many attempts the report has stopped listing.
 */
import { formatHostPort } from './errors.js'
import type { EgressAttempt, EgressDestination } from './report-types.js'

/** `host:port`, `[v6]:port` or `unix:/path`: the key a report groups attempts by. */
export function destinationKey(attempt: Pick<EgressAttempt, 'host' | 'port' | 'path' | 'address'>): string {
  if (attempt.path) return `unix:${attempt.path}`
  return formatHostPort(attempt.host ?? attempt.address ?? '', attempt.port)
}

type KeyFields = Pick<EgressAttempt, 'host' | 'port' | 'path' | 'address'>

/** Same fields, so the same key (stricter than the key: `address` counts even when `host` is set). */
function sameDestination(a: KeyFields, b: KeyFields): boolean {
  return a.host === b.host && a.port === b.port && a.path === b.path && a.address === b.address
}

export class DestinationTally {
  readonly #byKey = new Map<string, EgressDestination>()
  // The last attempt's destination: a run of attempts to one place skips building and hashing its key.
  #last: { fields: KeyFields; entry: EgressDestination } | undefined

  /** Count one attempt against its destination. */
  add(attempt: EgressAttempt): void {
    const last = this.#last
    let d = last && sameDestination(last.fields, attempt) ? last.entry : undefined
    if (!d) d = this.#entryFor(attempt)
    d.count++
    d.verdicts[attempt.verdict] = (d.verdicts[attempt.verdict] ?? 0) + 1
    if (!d.protocols.includes(attempt.protocol)) d.protocols.push(attempt.protocol)
  }

  #entryFor(attempt: EgressAttempt): EgressDestination {
    const key = destinationKey(attempt)
    let d = this.#byKey.get(key)
    if (!d) {
      d = { destination: key, protocols: [], count: 0, verdicts: {} }
      if (attempt.path) d.path = attempt.path
      else {
        const host = attempt.host ?? attempt.address
        if (host !== undefined) d.host = host
        if (attempt.port !== undefined) d.port = attempt.port
      }
      this.#byKey.set(key, d)
    }
    // Only the fields the key is made of are kept, not the attempt (it may be dropped past the cap).
    const { host, port, path, address } = attempt
    this.#last = { fields: { host, port, path, address }, entry: d }
    return d
  }

  /** A copy of every entry, in order of first appearance: callers may change it freely. */
  list(): EgressDestination[] {
    const out: EgressDestination[] = []
    for (const d of this.#byKey.values())
      out.push({ ...d, protocols: [...d.protocols], verdicts: { ...d.verdicts } })
    return out
  }
}
