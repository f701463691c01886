/**
 * Compare what a report says was contacted with what was declared: the destinations nobody declared
 * (unexpected) and the declared stores that were never reached (missing). Pure: no Docker, no I/O.
 */
import type { EgressAttempt } from 'egress-guard'
import { type DeclaredStore, type Endpoint, endpointKey } from './declared-store.js'
import { isSameHost } from './host-equivalence.js'

/** The part of an `EgressReport` the comparison reads (a report, or its JSON form). */
export interface ReportLike {
  readonly attempts: readonly EgressAttempt[]
}

export interface UnexpectedDestination {
  /** `host:port`, `[v6]:port` or `unix:/path`, as the attempt named it. */
  destination: string
  /** Resolved addresses seen for it. */
  addresses: string[]
  protocols: string[]
  count: number
  /** First user stack frame of the first attempt, when the guard captured one. */
  stack?: string
}

export interface ContactDiff {
  unexpected: UnexpectedDestination[]
  missing: DeclaredStore[]
  /** Declared stores that were contacted, with how many attempts reached each. */
  contacted: Array<{ store: DeclaredStore; count: number }>
}

export interface ContactDiffOptions {
  /** Declared stores that may go uncontacted without being reported missing (e.g. the Docker endpoint). */
  optional?: (store: DeclaredStore) => boolean
}

function attemptReaches(attempt: EgressAttempt, endpoint: Endpoint): boolean {
  if ('path' in endpoint) return attempt.path === endpoint.path
  if (attempt.path) return false
  // A DNS lookup has no port: it reaches a store when it looks up that store's host.
  if (attempt.protocol !== 'dns' && attempt.port !== endpoint.port) return false
  const names = [attempt.host, attempt.address].filter((h): h is string => typeof h === 'string' && h !== '')
  return names.some((h) => isSameHost(h, endpoint.host))
}

function attemptKey(a: EgressAttempt): string {
  if (a.path) return `unix:${a.path}`
  return endpointKey({ host: a.host ?? a.address ?? '?', port: a.port ?? 0 }).replace(/:0$/, '')
}

export function contactDiff(
  report: ReportLike,
  declared: readonly DeclaredStore[],
  options: ContactDiffOptions = {},
): ContactDiff {
  const counts = new Map<DeclaredStore, number>()
  const unexpected = new Map<string, UnexpectedDestination>()
  for (const attempt of report.attempts) {
    const store = declared.find((s) => s.endpoints.some((e) => attemptReaches(attempt, e)))
    if (store) {
      counts.set(store, (counts.get(store) ?? 0) + 1)
      continue
    }
    const key = attemptKey(attempt)
    let u = unexpected.get(key)
    if (!u) {
      u = { destination: key, addresses: [], protocols: [], count: 0 }
      if (attempt.stack) u.stack = attempt.stack
      unexpected.set(key, u)
    }
    u.count++
    if (attempt.address && !u.addresses.includes(attempt.address)) u.addresses.push(attempt.address)
    if (!u.protocols.includes(attempt.protocol)) u.protocols.push(attempt.protocol)
  }
  const optional = options.optional ?? (() => false)
  return {
    unexpected: [...unexpected.values()],
    missing: declared.filter((s) => !counts.has(s) && !optional(s)),
    contacted: declared
      .filter((s) => counts.has(s))
      .map((store) => ({ store, count: counts.get(store) ?? 0 })),
  }
}
