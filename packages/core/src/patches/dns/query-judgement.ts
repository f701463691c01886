/**
 * Judging one DNS request (ADR 0006) and recording it as one `dns` attempt.
 *
 * - getaddrinfo lookups (`dns.lookup`, `lookupService`) use the system resolver (hosts file, a local
 *   stub): judged by name only; the attempt is `{ host: name }` with no port.
 * - Resolver queries (`resolve*`, `reverse`) are datagrams to the resolver's nameservers: the name is
 *   judged as a lookup, then every nameserver is judged as a destination `address:port`, since c-ares
 *   may use any of them. The attempt's host, port and address are the nameserver's (the real egress);
 *   its `url` names the question: `dns://198.18.0.53:53/remote.test?type=A`.
 */
import net from 'node:net'
import { captureCallSite } from '../../guard/call-site.js'
import type { Judge } from '../../guard/port.js'
import { type AttemptInput, type HostsAnswer, unknownName, type Verdict } from '../../guard/port.js'
import type { Decision } from '../../policy/types.js'

export interface Nameserver {
  address: string
  port: number
}

export interface LookupVerdict extends Verdict {
  /** Set when only the hosts file may answer (a name no rule covers, ADR 0021): answer with these. */
  hostsAnswers?: readonly HostsAnswer[]
}

/**
 * Record a getaddrinfo lookup of `name`; `port` only for `lookupService`. A name no rule covers is
 * answered from the hosts file (allowed: no query leaves) or is a violation (no query either, in
 * block mode; in record mode the caller lets the real lookup run after it was recorded).
 */
export function judgeLookup(scope: Judge, name: string, port?: number): LookupVerdict {
  const input: AttemptInput = { protocol: 'dns', host: name }
  if (port !== undefined) input.port = port
  const decision = scope.decideLookup(name)
  const answer =
    port === undefined && (decision.allowed || decision.needsAddress)
      ? scope.answerName(name, undefined, decision)
      : undefined
  const answers =
    answer?.by === 'hosts-file' ? answer.answers : answer?.by === 'none-possible' ? [] : undefined
  if (!answers) {
    // Resolved by the system resolver (a covered name), or refused (strictDns, or nobody may answer).
    const decided = decision.needsAddress ? unknownName(name, port) : decision
    return scope.record(input, decided, captureCallSite())
  }
  const fromHosts = decision.allowed
    ? decision
    : {
        allowed: true,
        check: 'name' as const,
        reason: `${name} is answered from the hosts file (no DNS query)`,
      }
  return { ...scope.record(input, fromHosts, undefined), hostsAnswers: answers }
}

/** Record a resolver query for `name` (`rrtype` as given to Node) sent to `servers`. */
export function judgeQuery(scope: Judge, name: string, rrtype: string, servers: readonly string[]): Verdict {
  const callSite = captureCallSite()
  const parsed = servers.map(parseNameserver)
  const first = parsed[0]
  const url = first ? `dns://${hostPort(first)}/${encodeURIComponent(name)}?type=${rrtype}` : undefined
  const named = scope.decideLookup(name)
  // A resolver query always asks a nameserver: the hosts file cannot answer it.
  const byName = named.needsAddress ? unknownName(name, undefined) : named
  if (!byName.allowed) return scope.record({ protocol: 'dns', host: name, url }, byName, callSite)
  const decisions = parsed.map((server) => scope.decide({ host: server.address, port: server.port }))
  const refused = decisions.findIndex((decision) => !decision.allowed)
  const index = refused === -1 ? 0 : refused
  const chosen = parsed[index]
  if (!chosen) return scope.record({ protocol: 'dns', host: name, url }, byName, callSite)
  const input: AttemptInput = {
    protocol: 'dns',
    host: chosen.address,
    port: chosen.port,
    address: chosen.address,
  }
  if (url) input.url = url.replace(hostPort(first as Nameserver), hostPort(chosen))
  return scope.record(input, decisions[index] as Decision, callSite)
}

/** `dns.getServers()` entries: `1.2.3.4`, `1.2.3.4:5353`, `2001:db8::1`, `[2001:db8::1]:5353`. */
export function parseNameserver(entry: string): Nameserver {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
  if (bracketed) return { address: bracketed[1] as string, port: bracketed[2] ? Number(bracketed[2]) : 53 }
  if (net.isIP(entry) !== 0) return { address: entry, port: 53 }
  const withPort = /^(.*):(\d+)$/.exec(entry)
  if (withPort) return { address: withPort[1] as string, port: Number(withPort[2]) }
  return { address: entry, port: 53 }
}

function hostPort(server: Nameserver): string {
  return server.address.includes(':')
    ? `[${server.address}]:${server.port}`
    : `${server.address}:${server.port}`
}
