/**
 * Property: an allowlist of random rules, however written (case, trailing dot, brackets, mapped
 * forms), decides exactly as a naive reference that scans every rule with ipaddr.js does.
 */
import { isIP } from 'node:net'
import fc from 'fast-check'
import ipaddr from 'ipaddr.js'
import { describe, expect, it } from 'vitest'
import { createPolicy } from './create-policy.js'

type RefRule =
  | { kind: 'name'; name: string; port: number | undefined }
  | { kind: 'suffix'; suffix: string; port: number | undefined }
  | { kind: 'cidr'; network: ipaddr.IPv4 | ipaddr.IPv6; bits: number; port: number | undefined }

interface Query {
  host: string
  port: number | undefined
  address: string | undefined
}

const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254'])

// Small pools, so that rules and queries collide often.
const label = fc.constantFrom('a', 'db', 'localhost')
const name = fc.array(label, { minLength: 1, maxLength: 2 }).map((labels) => [...labels, 'test'].join('.'))
const anyName = fc.oneof(name, fc.constant('localhost'), fc.constant('app.localhost'))
const port = fc.constantFrom(undefined, 80, 443, 5432)
const octet = fc.constantFrom(0, 1, 127, 169, 254, 255)
const v4 = fc
  .tuple(fc.constantFrom(10, 127, 169, 198, 0), octet, octet, octet)
  .map((parts) => (parts[0] === 169 ? '169.254.169.254' : parts.join('.')))
const v6 = fc.oneof(
  fc
    .tuple(fc.constantFrom(0, 1, 2), fc.constantFrom(0, 1, 0xffff))
    .map(([a, b]) => `2001:db8:${a}::${b.toString(16)}`),
  fc.constantFrom('::1', '::', 'fd00:ec2::254'),
)

const ruleArb: fc.Arbitrary<RefRule> = fc.oneof(
  fc.record({ kind: fc.constant('name' as const), name: anyName, port }),
  fc.record({ kind: fc.constant('suffix' as const), suffix: fc.oneof(name, fc.constant('test')), port }),
  fc.tuple(v4, fc.constantFrom(0, 8, 16, 24, 31, 32), port).map(([a, bits, p]) => cidr(a, bits, p)),
  fc.tuple(v6, fc.constantFrom(0, 32, 48, 64, 127, 128), port).map(([a, bits, p]) => cidr(a, bits, p)),
)

function cidr(address: string, bits: number, p: number | undefined): RefRule {
  const network =
    ipaddr.parse(address).kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address}/${bits}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address}/${bits}`)
  return { kind: 'cidr', network, bits, port: p }
}

/** The rule as text, in one of the spellings the grammar accepts for it. */
function render(rule: RefRule, style: number): string {
  const withPort = (host: string) => (rule.port === undefined ? host : `${host}:${rule.port}`)
  if (rule.kind === 'name')
    return withPort(style % 2 ? rule.name.toUpperCase() : `${rule.name}${style % 3 ? '' : '.'}`)
  if (rule.kind === 'suffix') return withPort(`*.${style % 2 ? rule.suffix.toUpperCase() : rule.suffix}`)
  const text = `${rule.network.toString()}/${rule.bits}`
  if (rule.network.kind() === 'ipv4') return withPort(text)
  if (rule.port === undefined) return style % 2 ? `[${text}]` : text
  return style % 2 ? `[${text}]:${rule.port}` : `${text}:${rule.port}`
}

const portOk = (rule: RefRule, p: number | undefined) => rule.port === undefined || rule.port === p
const isLoopbackName = (host: string) => host === 'localhost' || host.endsWith('.localhost')

/** The reference: the decision semantics of docs/policy.md, written as plainly as possible. */
function referenceDecide(
  rules: RefRule[],
  allowLoopback: boolean,
  q: Query,
): { allowed: boolean; needsAddress: boolean } {
  const host = q.host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[(.*)\]$/, '$1')
  const hostIsAddress = isIP(host) !== 0
  const nameCovered =
    !hostIsAddress &&
    rules.some(
      (r) =>
        portOk(r, q.port) &&
        ((r.kind === 'name' && r.name === host) || (r.kind === 'suffix' && host.endsWith(`.${r.suffix}`))),
    )
  if (q.address === undefined && !hostIsAddress) {
    if (nameCovered || (allowLoopback && isLoopbackName(host))) return { allowed: true, needsAddress: false }
    return { allowed: false, needsAddress: true }
  }
  const address = ipaddr.process(q.address ?? host)
  const addressCovered = rules.some(
    (r) =>
      r.kind === 'cidr' &&
      portOk(r, q.port) &&
      r.network.kind() === address.kind() &&
      address.match(r.network, r.bits),
  )
  // Only the exact unspecified address connects to this host (ipaddr.js calls all of 0.0.0.0/8 unspecified).
  const local = address.range() === 'loopback' || ['0.0.0.0', '::'].includes(address.toString())
  const allowed =
    addressCovered ||
    (local && allowLoopback) ||
    (nameCovered && !METADATA.has(address.toString()) && !(isLoopbackName(host) && !local))
  return { allowed, needsAddress: false }
}

/** A query host: a name (odd case, maybe a trailing dot) or an address (plain, mapped or bracketed). */
const queryArb: fc.Arbitrary<Query> = fc.oneof(
  fc.record({
    host: fc
      .tuple(anyName, fc.boolean(), fc.boolean())
      .map(([n, upper, dot]) => `${upper ? n.toUpperCase() : n}${dot ? '.' : ''}`),
    port,
    address: fc.oneof(
      fc.constant(undefined),
      v4,
      v4.map((a) => `::ffff:${a}`),
      v6,
    ),
  }),
  fc.record({
    host: fc.oneof(
      v4,
      v4.map((a) => `::ffff:${a}`),
      v6,
      v6.map((a) => `[${a}]`),
    ),
    port,
    address: fc.constant(undefined),
  }),
)

describe('an allowlist of random rules', () => {
  it('allows exactly what a naive reference matcher allows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(ruleArb, fc.nat(5)), { maxLength: 16 }),
        fc.boolean(),
        fc.array(queryArb, { minLength: 1, maxLength: 20 }),
        (rules, allowLoopback, queries) => {
          const policy = createPolicy({ allow: rules.map(([r, style]) => render(r, style)), allowLoopback })
          for (const q of queries) {
            const decision = policy.decide(q)
            const expected = referenceDecide(
              rules.map(([r]) => r),
              allowLoopback,
              q,
            )
            expect(
              { allowed: decision.allowed, needsAddress: decision.needsAddress === true },
              JSON.stringify(q),
            ).toStrictEqual(expected)
          }
        },
      ),
      { numRuns: 2000 },
    )
  })
})
