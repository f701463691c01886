/**
 * Who may answer a name before a connection uses it (ADR 0021): DNS, for a name a rule covers (or a
 * loopback name, or any name under `dns: 'resolve'`); otherwise only the hosts file. A name the
 * hosts file does not know is a violation, decided here before any query could leave.
 */
import { domainToASCII } from 'node:url'
import { formatHostPort } from '../errors.js'
import type { Decision, Policy } from '../policy/types.js'
import { type HostsAnswer, hostsFileAnswers } from './hosts-file.js'

export type NameAnswer =
  | { readonly by: 'dns' }
  | { readonly by: 'hosts-file'; readonly answers: readonly HostsAnswer[] }
  | { readonly by: 'nobody'; readonly decision: Decision }
  /** Not a host name any resolver would query (`127.0.0.1:8080`, a space): it fails as Node's lookup would, unrecorded. */
  | { readonly by: 'none-possible' }

const byDns: NameAnswer = { by: 'dns' }

/**
 * RFC 6761: a `*.localhost` name is loopback and resolvers must not send it anywhere — glibc does
 * send the query (found by the bypass corpus: a name under `.localhost` is a DNS exfiltration
 * channel). The guard answers it locally.
 */
const localhostAnswer: NameAnswer = {
  by: 'hosts-file',
  answers: [
    { address: '127.0.0.1', family: 4 },
    { address: '::1', family: 6 },
  ],
}

function isLocalhostSubdomain(name: string): boolean {
  const lower = name.toLowerCase()
  return (lower.endsWith('.') ? lower.slice(0, -1) : lower).endsWith('.localhost')
}

/** `decision` is the policy's decision for the name itself (before any address is known). */
export function nameAnswer(
  policy: Policy,
  name: string,
  port: number | undefined,
  decision: Decision,
): NameAnswer {
  if (decision.allowed && decision.check === 'loopback' && isLocalhostSubdomain(name)) return localhostAnswer
  if (!decision.needsAddress || policy.dns === 'resolve' || isNumericForm(name)) return byDns
  const answers = hostsFileAnswers(name)
  if (answers) return { by: 'hosts-file', answers }
  if (!isQueryable(name)) return { by: 'none-possible' }
  return { by: 'nobody', decision: unknownName(name, port) }
}

/**
 * `2130706433`, `0x7f.1`, `127.1`: IPv4 in the forms `inet_aton` reads, which `net.isIP` calls
 * names. getaddrinfo parses them itself, without a query, so they go to it and are judged by the
 * address they denote.
 */
function isNumericForm(name: string): boolean {
  return /^(?:0x[0-9a-f]*|\d+)(?:\.(?:0x[0-9a-f]*|\d+)){0,3}$/i.test(name)
}

/**
 * A name a DNS resolver would send a query for: letters, digits, `-` and `_` in dot-separated
 * labels of at most 63 octets, 253 in all (glibc's `res_hnok` refuses anything else before any
 * query). IDN names reach here already in punycode only if the caller converted them; a name with
 * other characters fails at getaddrinfo without a packet.
 */
export function isQueryable(name: string): boolean {
  return isLdhName(name) || isLdhName(domainToASCII(name))
}

/** An IDN name (`remоte.test` with a Cyrillic о, `other．test`) counts by its punycode form. */
function isLdhName(name: string): boolean {
  if (name.length === 0 || name.length > 254) return false
  return /^(?:[A-Za-z0-9_-]{1,63}\.)*[A-Za-z0-9_-]{1,63}\.?$/.test(name)
}

/** The error Node's lookup gives for a name no resolver can answer. */
export function notFound(hostname: string): Error {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    errno: -3008,
    syscall: 'getaddrinfo',
    hostname,
  })
}

export function unknownName(name: string, port: number | undefined): Decision {
  return {
    allowed: false,
    check: 'name',
    reason: `no allow rule covers ${formatHostPort(name, port)}, and the hosts file does not list ${name}: no DNS query was sent for it`,
  }
}

/** A name that `dns: 'resolve'` sent to DNS and that did not resolve: a violation too. */
export function unresolvedName(name: string, port: number | undefined, error: Error): Decision {
  const code = (error as { code?: unknown }).code
  return {
    allowed: false,
    check: 'name',
    reason: `no allow rule covers ${formatHostPort(name, port)}, and it did not resolve (${typeof code === 'string' ? code : error.message})`,
  }
}
