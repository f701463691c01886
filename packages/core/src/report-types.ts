/** The report's data: one attempt as the guard judged it, and one destination's tally. Plain JSON. */

export type EgressProtocol = 'tcp' | 'tls' | 'http' | 'udp' | 'dns' | 'unix'
/** `allowed`: the policy admits it; `blocked`: refused in block mode; `recorded`: refused, let through in record mode. */
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
  /** See `EgressVerdict`. */
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

/** Called with every attempt a report records (`report.subscribe`). */
export type EgressAttemptListener = (attempt: EgressAttempt) => void

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
