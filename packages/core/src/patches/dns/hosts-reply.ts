/**
 * A `dns.lookup` reply made from hosts-file answers, shaped as the caller asked (`family`, `all`,
 * a bare family number), or an ENOTFOUND error like getaddrinfo's when no answer has that family.
 */
import type { LookupAddress } from 'node:dns'
import { type HostsAnswer, notFound } from '../../guard/port.js'

export function hostsReply(
  hostname: string,
  answers: readonly HostsAnswer[],
  options: unknown,
): LookupAddress | LookupAddress[] | Error {
  const wanted =
    typeof options === 'number' ? { family: options } : ((options ?? {}) as Record<string, unknown>)
  const family = familyOf(wanted.family)
  const list = answers
    .filter((a) => family === 0 || a.family === family)
    .map((a) => ({ address: a.address, family: a.family }))
  const first = list[0]
  if (!first) return notFound(hostname)
  return wanted.all === true ? list : first
}

export function familyOf(family: unknown): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4
  if (family === 6 || family === 'IPv6') return 6
  return 0
}
