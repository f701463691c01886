/**
 * The report model: every attempt the guard judged, in order, as plain JSON-ready data.
 */
import { formatHostPort } from './errors.js'

export type EgressProtocol = 'tcp' | 'tls' | 'http' | 'udp' | 'dns' | 'unix'
export type EgressVerdict = 'allowed' | 'blocked' | 'recorded'

export interface EgressAttempt {
  /** Name or address as the caller gave it (normalised), absent for unix sockets. */
  host?: string
  port?: number
  /** Unix socket path, for `protocol: 'unix'`. */
  path?: string
  /** The resolved address, where known. */
  address?: string
  protocol: EgressProtocol
  url?: string
  method?: string
  /** `allowed`: the policy admits it; `blocked`: refused in block mode; `recorded`: refused, let through in record mode. */
  verdict: EgressVerdict
  /** The allow rule that admitted it (`loopback`, `unix`, or a rule as written). */
  rule?: string
  /** Why the policy decided as it did. */
  reason: string
  /** First stack frame outside egress-guard and Node's internals: `file:line:column`. */
  stack?: string
  /** The test name, when run under Vitest. */
  test?: string
  /** ISO 8601 time of the attempt. */
  timestamp: string
}

export interface EgressDestination {
  /** `host:port`, `[v6]:port` or `unix:/path`. */
  destination: string
  host?: string
  port?: number
  path?: string
  protocols: EgressProtocol[]
  count: number
  verdicts: Partial<Record<EgressVerdict, number>>
}

export interface EgressReportJSON {
  attempts: EgressAttempt[]
  violations: EgressAttempt[]
  destinations: EgressDestination[]
}

/** `host:port`, `[v6]:port` or `unix:/path`: the key a report groups attempts by. */
export function destinationKey(attempt: Pick<EgressAttempt, 'host' | 'port' | 'path' | 'address'>): string {
  if (attempt.path) return `unix:${attempt.path}`
  return formatHostPort(attempt.host ?? attempt.address ?? '', attempt.port)
}

export class EgressReport {
  readonly #attempts: EgressAttempt[] = []

  /** Every attempt, allowed or not, in the order judged. */
  get attempts(): readonly EgressAttempt[] {
    return this.#attempts
  }

  /** Attempts the policy does not allow: blocked, or recorded in record mode. */
  get violations(): readonly EgressAttempt[] {
    return this.#attempts.filter((a) => a.verdict !== 'allowed')
  }

  add(attempt: EgressAttempt): void {
    this.#attempts.push(attempt)
  }

  /** Attempts grouped by destination, with counts, in order of first appearance. */
  destinations(): EgressDestination[] {
    const byKey = new Map<string, EgressDestination>()
    for (const a of this.#attempts) {
      const key = destinationKey(a)
      let d = byKey.get(key)
      if (!d) {
        d = { destination: key, protocols: [], count: 0, verdicts: {} }
        if (a.path) d.path = a.path
        else {
          const host = a.host ?? a.address
          if (host !== undefined) d.host = host
          if (a.port !== undefined) d.port = a.port
        }
        byKey.set(key, d)
      }
      d.count++
      d.verdicts[a.verdict] = (d.verdicts[a.verdict] ?? 0) + 1
      if (!d.protocols.includes(a.protocol)) d.protocols.push(a.protocol)
    }
    return [...byKey.values()]
  }

  toJSON(): EgressReportJSON {
    return {
      attempts: this.#attempts.map((a) => ({ ...a })),
      violations: this.violations.map((a) => ({ ...a })),
      destinations: this.destinations(),
    }
  }
}
