// The decision table, part 1: every rule form (names, suffixes, addresses, CIDRs, ports).
import { describe, expect, it } from 'vitest'
import { createPolicy } from './create-policy.js'
import type { Decision, Destination, PolicyOptions } from './types.js'

/**
 * Expected: `allow:<rule>` (admitted, Decision.rule equals it), `resolve` (a name no rule covers:
 * denied with needsAddress), `deny` (refused outright), optionally `deny:<words in the reason>`.
 */
interface DecisionGroup {
  title: string
  options: PolicyOptions
  cases: [destination: Destination, expected: string][]
}

function checkDecisionTable(groups: DecisionGroup[], atLeast: number): void {
  it(`holds at least ${atLeast} decisions`, () => {
    expect(groups.reduce((n, g) => n + g.cases.length, 0)).toBeGreaterThanOrEqual(atLeast)
  })
  for (const group of groups) {
    describe(`${group.title} (${JSON.stringify(group.options)})`, () => {
      const policy = createPolicy(group.options)
      it.each(group.cases.map(([d, e]) => [JSON.stringify(d) ?? String(d), e, d] as const))(
        '%s → %s',
        (_label, expected, destination) => expectDecision(policy.decide(destination), expected),
      )
    })
  }
}

function expectDecision(decision: Decision, expected: string): void {
  const colon = expected.indexOf(':')
  const verdict = colon < 0 ? expected : expected.slice(0, colon)
  const detail = colon < 0 ? undefined : expected.slice(colon + 1)
  expect(decision.reason).toMatch(/\S/)
  if (verdict === 'allow') {
    expect(decision).toMatchObject({ allowed: true, rule: detail })
    return
  }
  expect(decision.allowed).toBe(false)
  expect(decision.rule).toBeUndefined()
  expect(decision.needsAddress === true).toBe(verdict === 'resolve')
  if (detail !== undefined) expect(decision.reason).toContain(detail)
}

const h = (host: string, port?: number, address?: string): Destination => ({ host, port, address })

const ruleFormGroups: DecisionGroup[] = [
  {
    title: 'exact names, with and without a port',
    options: { allow: ['db.test', 'api.test:443'] },
    cases: [
      [h('db.test', 5432), 'allow:db.test'],
      [h('db.test'), 'allow:db.test'],
      [h('DB.Test', 1), 'allow:db.test'],
      [h('db.test.', 5432), 'allow:db.test'],
      [h('api.test', 443), 'allow:api.test:443'],
      [h('api.test', 80), 'resolve'],
      [h('api.test'), 'resolve'],
      [h('other.test', 443), 'resolve'],
      [h('x.db.test', 5432), 'resolve'],
      [h('db.test.x', 5432), 'resolve'],
      [h('db.test', 5432, '198.18.0.7'), 'allow:db.test'],
      [h('api.test', 443, '2001:db8::7'), 'allow:api.test:443'],
      [h('api.test', 80, '198.18.0.7'), 'deny:no allow rule covers api.test:80 (resolved to 198.18.0.7)'],
      [{ host: 'api.test', port: '443' as unknown as number }, 'allow:api.test:443'],
    ],
  },
  {
    title: 'suffix rules cover names under the suffix, at any depth, not the suffix itself',
    options: { allow: ['*.corp.test', '*.svc.test:8443'] },
    cases: [
      [h('a.corp.test', 22), 'allow:*.corp.test'],
      [h('a.b.corp.test', 22), 'allow:*.corp.test'],
      [h('A.CORP.TEST.', 22), 'allow:*.corp.test'],
      [h('corp.test', 22), 'resolve'],
      [h('xcorp.test', 22), 'resolve'],
      [h('corp.test.evil.test', 22), 'resolve'],
      [h('a.svc.test', 8443), 'allow:*.svc.test:8443'],
      [h('a.b.c.svc.test', 8443), 'allow:*.svc.test:8443'],
      [h('a.svc.test', 443), 'resolve'],
      [h('svc.test', 8443), 'resolve'],
      [h('a.corp.test', 22, '198.18.0.1'), 'allow:*.corp.test'],
      [h('a.corp.test', 22, '169.254.169.254'), 'deny:169.254.169.254 is a cloud metadata address'],
    ],
  },
  {
    title: 'IPv4 addresses, plain and IPv4-mapped',
    options: { allow: ['198.18.0.5', '198.18.0.6:5432'] },
    cases: [
      [h('198.18.0.5', 1), 'allow:198.18.0.5'],
      [h('198.18.0.5'), 'allow:198.18.0.5'],
      [h('198.18.0.6', 5432), 'allow:198.18.0.6:5432'],
      [h('198.18.0.6', 5433), 'deny:no allow rule covers 198.18.0.6:5433'],
      [h('198.18.0.7', 5432), 'deny'],
      [h('::ffff:198.18.0.5', 1), 'allow:198.18.0.5'],
      [h('[::ffff:198.18.0.5]', 1), 'allow:198.18.0.5'],
      [h('::ffff:c612:5', 1), 'allow:198.18.0.5'],
      [h('::FFFF:198.18.0.6', 5432), 'allow:198.18.0.6:5432'],
      [h('x.test', 1, '198.18.0.5'), 'allow:198.18.0.5'],
      [h('x.test', 5432, '::ffff:198.18.0.6'), 'allow:198.18.0.6:5432'],
      [{ address: '198.18.0.5', port: 9 }, 'allow:198.18.0.5'],
      [h('2130706433', 80), 'resolve'],
      [h('2130706433', 80, '198.18.0.5'), 'allow:198.18.0.5'],
      [h('198.18.0.5.', 80), 'resolve'],
      [h('0xc6.18.0.5', 80), 'resolve'],
      [h('198.18.5', 80), 'resolve'],
    ],
  },
  {
    title: 'IPv6 addresses, bare and bracketed with a port',
    options: { allow: ['2001:db8::1', '[2001:db8::2]:443', 'fe80::5%eth0'] },
    cases: [
      [h('2001:db8::1', 80), 'allow:2001:db8::1'],
      [h('[2001:db8::1]', 80), 'allow:2001:db8::1'],
      [h('2001:DB8::1', 80), 'allow:2001:db8::1'],
      [h('2001:db8:0:0:0:0:0:1', 80), 'allow:2001:db8::1'],
      [h('2001:db8::1%eth0', 80), 'allow:2001:db8::1'],
      [h('[2001:db8::1%lo]', 80), 'allow:2001:db8::1'],
      [h('2001:db8::2', 443), 'allow:[2001:db8::2]:443'],
      [h('2001:db8::2', 80), 'deny:no allow rule covers [2001:db8::2]:80'],
      [h('2001:db8::3', 80), 'deny'],
      [h('fe80::5', 80), 'allow:fe80::5%eth0'],
      [h('fe80::5%eth1', 80), 'allow:fe80::5%eth0'],
      [h('v6.test', 443, '2001:db8::2'), 'allow:[2001:db8::2]:443'],
    ],
  },
  {
    title: 'CIDR blocks, with and without a port',
    options: {
      allow: [
        '10.0.0.0/8',
        '198.18.0.0/24:5432',
        '2001:db8:1::/48',
        '[2001:db8:2::/48]:443',
        '2001:db8:3::/48:8443',
        '::ffff:192.0.2.0/120',
        '203.0.113.0/31',
      ],
    },
    cases: [
      [h('10.0.0.0', 1), 'allow:10.0.0.0/8'],
      [h('10.255.255.255', 1), 'allow:10.0.0.0/8'],
      [h('11.0.0.0', 1), 'deny'],
      [h('9.255.255.255', 1), 'deny'],
      [h('::ffff:10.1.1.1', 1), 'allow:10.0.0.0/8'],
      [h('198.18.0.200', 5432), 'allow:198.18.0.0/24:5432'],
      [h('198.18.0.200', 5433), 'deny'],
      [h('198.18.1.1', 5432), 'deny'],
      [h('2001:db8:1:ffff::1', 9), 'allow:2001:db8:1::/48'],
      [h('2001:db8:2::1', 443), 'allow:[2001:db8:2::/48]:443'],
      [h('2001:db8:2::1', 80), 'deny'],
      [h('2001:db8:3:1::1', 8443), 'allow:2001:db8:3::/48:8443'],
      [h('2001:db8:4::1', 443), 'deny'],
      [h('192.0.2.77', 80), 'allow:::ffff:192.0.2.0/120'],
      [h('::ffff:192.0.2.77', 80), 'allow:::ffff:192.0.2.0/120'],
      [h('192.0.3.1', 80), 'deny'],
      [h('203.0.113.1', 80), 'allow:203.0.113.0/31'],
      [h('203.0.113.2', 80), 'deny'],
      [h('db.test', 5432, '10.2.3.4'), 'allow:10.0.0.0/8'],
      [
        h('db.test', 5432, '198.51.100.1'),
        'deny:no allow rule covers db.test:5432 (resolved to 198.51.100.1)',
      ],
    ],
  },
  {
    title: 'rules add up: nested blocks and several ports for one host',
    options: {
      allow: [
        '10.1.2.0/24:22',
        '10.1.0.0/16',
        '10.0.0.0/8:443',
        'db.test:5432',
        'db.test:5433',
        '0.0.0.0/0:7',
      ],
    },
    cases: [
      [h('10.1.2.3', 22), 'allow:10.1.0.0/16'],
      [h('10.1.9.9', 80), 'allow:10.1.0.0/16'],
      [h('10.2.0.1', 443), 'allow:10.0.0.0/8:443'],
      [h('10.2.0.1', 22), 'deny'],
      [h('198.51.100.9', 7), 'allow:0.0.0.0/0:7'],
      [h('198.51.100.9', 8), 'deny'],
      [h('2001:db8::9', 7), 'deny'],
      [h('db.test', 5432), 'allow:db.test:5432'],
      [h('db.test', 5433), 'allow:db.test:5433'],
      [h('db.test', 5434), 'resolve'],
    ],
  },
  {
    title: 'the whole IPv6 space does not cover IPv4',
    options: { allow: ['::/0'] },
    cases: [
      [h('2001:db8:ffff::1', 1), 'allow:::/0'],
      [h('10.0.0.1', 1), 'deny'],
      [h('::ffff:10.0.0.1', 1), 'deny'],
      [h('fd00:ec2::254', 80), 'allow:::/0'],
    ],
  },
  {
    title: 'an unbracketed IPv6 rule takes no port: 2001:db8::1:443 is one address',
    options: { allow: ['2001:db8::1:443'] },
    cases: [
      [h('2001:db8::1:443', 80), 'allow:2001:db8::1:443'],
      [h('2001:db8::1', 443), 'deny'],
    ],
  },
  {
    title: 'IPv4-compatible ::a.b.c.d is IPv6, neither IPv4 nor loopback',
    options: { allow: ['::1.2.3.0/120'] },
    cases: [
      [h('::1.2.3.4', 80), 'allow:::1.2.3.0/120'],
      [h('::102:304', 80), 'allow:::1.2.3.0/120'],
      [h('1.2.3.4', 80), 'deny'],
      [h('::ffff:1.2.3.4', 80), 'deny'],
      [h('::127.0.0.1', 80), 'deny'],
    ],
  },
]

describe('decide() on the rule-form table', () => checkDecisionTable(ruleFormGroups, 95))
