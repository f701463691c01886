/**
 * The host part of a rule: a name, `*.suffix`, an IP address (IPv6 maybe bracketed), or a CIDR.
 * Throws EgressPolicyError naming the whole rule.
 */
import { isIP } from 'node:net'
import { EgressPolicyError } from '../errors.js'
import { parseAddress, unwrapAddressText } from './address.js'
import { parseCidr, singleAddressRange } from './address-range.js'
import { endsInNumber, normaliseName } from './host-name.js'
import type { RuleTarget } from './rule.js'

export function parseRuleHost(host: string, rule: string): RuleTarget {
  if (host.startsWith('[')) return parseBracketed(host, rule)
  if (host.includes('/')) return cidrTarget(host, rule)
  const address = parseAddress(host)
  if (address) return { kind: 'range', range: singleAddressRange(address) }
  if (host.includes(':')) throw new EgressPolicyError(rule, `${JSON.stringify(host)} is not an IPv6 address`)
  if (host.startsWith('*.'))
    return { kind: 'suffix', suffix: ruleName(host.slice(2), rule, 'the suffix after "*."') }
  if (host.includes('*')) {
    throw new EgressPolicyError(rule, 'a wildcard may only be the whole first label, as in "*.corp.test"')
  }
  if (host.startsWith('.')) {
    throw new EgressPolicyError(rule, `a leading dot is not a wildcard; write "*${host}" for names under it`)
  }
  return { kind: 'name', name: ruleName(host, rule, 'the host name') }
}

function parseBracketed(host: string, rule: string): RuleTarget {
  if (!host.endsWith(']')) throw new EgressPolicyError(rule, 'the "[" has no matching "]"')
  const inner = host.slice(1, -1)
  const bare = inner.includes('/') ? inner.slice(0, inner.indexOf('/')) : inner
  if (isIP(unwrapAddressText(bare)) !== 6) {
    throw new EgressPolicyError(rule, `brackets hold an IPv6 address, and ${JSON.stringify(bare)} is not one`)
  }
  return inner.includes('/') ? cidrTarget(inner, rule) : parseRuleHost(inner, rule)
}

function cidrTarget(text: string, rule: string): RuleTarget {
  const range = parseCidr(text)
  if (typeof range === 'string') throw new EgressPolicyError(rule, range)
  return { kind: 'range', range }
}

function ruleName(text: string, rule: string, what: string): string {
  if (text === '') throw new EgressPolicyError(rule, `${what} is empty`)
  if (text.includes('*'))
    throw new EgressPolicyError(rule, 'a rule may hold only one wildcard, as its first label')
  const normal = normaliseName(text)
  if ('reason' in normal) throw new EgressPolicyError(rule, normal.reason)
  if (endsInNumber(normal.name)) {
    throw new EgressPolicyError(
      rule,
      `${JSON.stringify(text)} ends in a number, which resolvers read as an IPv4 address; write the address as four decimal parts`,
    )
  }
  return normal.name
}
