// The decision table, part 2: URL rules, unix sockets, loopback, metadata, strict DNS, IDN, garbage.
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
const u = (host: string, port: number, url: string): Destination => ({ host, port, url })

const destinationGroups: DecisionGroup[] = [
  {
    title: 'URL rules: default ports, and a path prefix only the HTTP layer can check',
    options: {
      allow: [
        'https://otel.test:4318/v1/',
        'https://api.test',
        'http://[2001:db8::9]/',
        'wss://ws.test/socket',
        'postgres://pg.test',
        'https://198.18.9.9:8443/metrics',
        'https://*.cdn.test/assets/',
        'HTTPS://Upper.TEST./',
      ],
    },
    cases: [
      [h('otel.test', 4318), 'allow:https://otel.test:4318/v1/'],
      [h('otel.test', 443), 'resolve'],
      [u('otel.test', 4318, 'https://otel.test:4318/v1/traces'), 'allow:https://otel.test:4318/v1/'],
      [u('otel.test', 4318, 'https://otel.test:4318/v1'), 'resolve'],
      [u('otel.test', 4318, 'https://otel.test:4318/v2/x'), 'resolve'],
      [u('otel.test', 4318, 'https://otel.test:4318/v1/../v2/x'), 'resolve'],
      [h('api.test', 443), 'allow:https://api.test'],
      [h('api.test', 80), 'resolve'],
      [u('api.test', 443, 'https://api.test/anything?q=1'), 'allow:https://api.test'],
      [h('2001:db8::9', 80), 'allow:http://[2001:db8::9]/'],
      [h('2001:db8::9', 443), 'deny'],
      [h('ws.test', 443), 'allow:wss://ws.test/socket'],
      [u('ws.test', 443, 'wss://ws.test/socket'), 'allow:wss://ws.test/socket'],
      [u('ws.test', 443, 'wss://ws.test/socket/room/1'), 'allow:wss://ws.test/socket'],
      [u('ws.test', 443, 'wss://ws.test/socketry'), 'resolve'],
      [h('pg.test', 5432), 'allow:postgres://pg.test'],
      [h('198.18.9.9', 8443), 'allow:https://198.18.9.9:8443/metrics'],
      [
        u('198.18.9.9', 8443, 'https://198.18.9.9:8443/metrics/node'),
        'allow:https://198.18.9.9:8443/metrics',
      ],
      [u('198.18.9.9', 8443, 'https://198.18.9.9:8443/admin'), 'deny:outside the path prefix'],
      [h('a.cdn.test', 443), 'allow:https://*.cdn.test/assets/'],
      [u('a.cdn.test', 443, 'https://a.cdn.test/assets/app.js'), 'allow:https://*.cdn.test/assets/'],
      [u('a.cdn.test', 443, 'https://a.cdn.test/private'), 'resolve'],
      [h('upper.test', 443), 'allow:HTTPS://Upper.TEST./'],
      [u('api.test', 443, 'not a url'), 'deny:is not a valid URL'],
    ],
  },
  {
    title: 'unix sockets are allowed by default',
    options: {},
    cases: [
      [{ path: '/run/x.sock' }, 'allow:unix'],
      [{ path: 'relative.sock' }, 'allow:unix'],
      [{ path: '', host: 'db.test', port: 5432 }, 'resolve'],
      [{ path: '', host: '127.0.0.1', port: 5432 }, 'allow:loopback'],
    ],
  },
  {
    title: 'unix: rules restrict unix sockets when allowUnixSockets is false',
    options: {
      allowUnixSockets: false,
      allow: [
        'unix:/run/app.sock',
        'unix:/run/app/*',
        'unix:///var/run/docker.sock',
        'unix:/srv/my sockets/a.sock',
      ],
    },
    cases: [
      [{ path: '/run/app.sock' }, 'allow:unix:/run/app.sock'],
      [{ path: '/run//app.sock' }, 'allow:unix:/run/app.sock'],
      [{ path: '/run/app/a.sock' }, 'allow:unix:/run/app/*'],
      [{ path: '/run/app/x/y.sock' }, 'allow:unix:/run/app/*'],
      [{ path: '/var/run/docker.sock' }, 'allow:unix:///var/run/docker.sock'],
      [{ path: '/srv/my sockets/a.sock' }, 'allow:unix:/srv/my sockets/a.sock'],
      [{ path: '/run/apps.sock' }, 'deny:no unix: rule covers unix socket /run/apps.sock'],
      [{ path: '/run/app.sock2' }, 'deny'],
      [{ path: '/run/app' }, 'deny'],
      [{ path: '/run/app/../secret.sock' }, 'deny'],
      [{ path: 'app.sock' }, 'deny'],
      [{ path: '/RUN/APP.SOCK' }, 'deny'],
    ],
  },
  {
    title: 'loopback addresses and names are allowed by default',
    options: {},
    cases: [
      [h('127.0.0.1', 80), 'allow:loopback'],
      [h('127.255.255.254', 80), 'allow:loopback'],
      [h('::1', 80), 'allow:loopback'],
      [h('[::1]', 80), 'allow:loopback'],
      [h('0:0:0:0:0:0:0:1', 80), 'allow:loopback'],
      [h('::ffff:127.0.0.1', 80), 'allow:loopback'],
      [h('::ffff:7f00:2', 80), 'allow:loopback'],
      [h('0.0.0.0', 80), 'allow:loopback'],
      [h('::', 80), 'allow:loopback'],
      [h('::ffff:0.0.0.0', 80), 'allow:loopback'],
      [h('localhost', 80), 'allow:loopback'],
      [h('LOCALHOST.', 80), 'allow:loopback'],
      [h('app.localhost', 80), 'allow:loopback'],
      [h('a.b.localhost', 80), 'allow:loopback'],
      [h('localhost', 80, '127.0.0.1'), 'allow:loopback'],
      [h('localhost', 80, '::1'), 'allow:loopback'],
      [h('localhost', 80, '198.18.0.5'), 'deny:localhost resolved to 198.18.0.5, which is not loopback'],
      [h('app.localhost', 80, '10.0.0.1'), 'deny:app.localhost resolved to 10.0.0.1, which is not loopback'],
      [h('hosts-file.test', 80, '127.0.0.1'), 'allow:loopback'],
      [h('128.0.0.1', 80), 'deny'],
      [h('0.0.0.1', 80), 'deny'],
      [h('126.255.255.255', 80), 'deny'],
      [h('::2', 80), 'deny'],
      [h('::ffff:128.0.0.1', 80), 'deny'],
      [h('localhost.test', 80), 'resolve'],
      [h('localhostx', 80), 'resolve'],
      [h('127.1', 80), 'resolve'],
      [h('0x7f.1', 80), 'resolve'],
      [h('0x7f.1', 80, '127.0.0.1'), 'allow:loopback'],
    ],
  },
  {
    title: 'allowLoopback: false makes loopback need a rule',
    options: { allowLoopback: false, allow: ['127.0.0.2:5432', 'localhost:8080'] },
    cases: [
      [h('127.0.0.1', 80), 'deny:127.0.0.1 is loopback, but allowLoopback is false'],
      [h('127.0.0.2', 5432), 'allow:127.0.0.2:5432'],
      [h('::ffff:127.0.0.2', 5432), 'allow:127.0.0.2:5432'],
      [h('localhost', 80), 'resolve'],
      [h('localhost', 8080), 'allow:localhost:8080'],
      [h('localhost', 8080, '127.0.0.1'), 'allow:localhost:8080'],
      [h('localhost', 8080, '198.18.0.5'), 'deny:localhost resolved to 198.18.0.5, which is not loopback'],
      [h('0.0.0.0', 80), 'deny'],
      [h('::', 80), 'deny'],
      [h('::1', 80), 'deny'],
    ],
  },
  {
    title: 'cloud metadata addresses need an address rule, even under a name rule',
    options: { allow: ['*.cloud.test', 'meta.test', '169.254.170.2'] },
    cases: [
      [
        h('169.254.169.254', 80),
        'deny:169.254.169.254 is a cloud metadata address; allow it by address to reach it',
      ],
      [h('meta.test', 80), 'allow:meta.test'],
      [h('meta.test', 80, '169.254.169.254'), 'deny:169.254.169.254 is a cloud metadata address'],
      [h('meta.test', 80, '::ffff:169.254.169.254'), 'deny:169.254.169.254 is a cloud metadata address'],
      [h('meta.test', 80, 'fd00:ec2::254'), 'deny:fd00:ec2::254 is a cloud metadata address'],
      [h('a.cloud.test', 80, '100.100.100.200'), 'deny:cloud metadata'],
      [h('a.cloud.test', 80, '169.254.170.23'), 'deny:cloud metadata'],
      [h('169.254.170.2', 80), 'allow:169.254.170.2'],
      [h('meta.test', 80, '169.254.170.2'), 'allow:169.254.170.2'],
      [h('169.254.169.253', 80), 'deny:no allow rule covers 169.254.169.253:80'],
    ],
  },
  {
    title: 'a CIDR rule admits a metadata address inside it',
    options: { allow: ['169.254.0.0/16', 'meta.test'] },
    cases: [
      [h('meta.test', 80, '169.254.169.254'), 'allow:169.254.0.0/16'],
      [h('169.254.169.254', 80), 'allow:169.254.0.0/16'],
      [h('meta.test', 80, 'fd00:ec2::254'), 'deny:cloud metadata'],
    ],
  },
  {
    title: 'strictDns refuses names no rule covers before any DNS query',
    options: { strictDns: true, allow: ['db.test'] },
    cases: [
      [h('db.test', 5432), 'allow:db.test'],
      [h('other.test', 5432), 'deny:strictDns'],
      [h('localhost', 80), 'allow:loopback'],
      [h('2130706433', 80), 'deny:strictDns'],
      [h('198.18.0.1', 80), 'deny'],
      [h('127.0.0.1', 80), 'allow:loopback'],
    ],
  },
  {
    title: 'internationalised names match in punycode',
    options: { allow: ['bücher.test', '*.ÉCOLE.test', 'xn--caf-dma.test:443'] },
    cases: [
      [h('bücher.test', 80), 'allow:bücher.test'],
      [h('xn--bcher-kva.test', 80), 'allow:bücher.test'],
      [h('BÜCHER.test.', 80), 'allow:bücher.test'],
      [h('a.école.test', 80), 'allow:*.ÉCOLE.test'],
      [h('a.xn--cole-9oa.test', 80), 'allow:*.ÉCOLE.test'],
      [h('café.test', 443), 'allow:xn--caf-dma.test:443'],
      [h('cafe.test', 443), 'resolve'],
    ],
  },
  {
    title: 'garbage destinations are refused with a reason, never thrown',
    options: { allow: ['db.test', '10.0.0.0/8'] },
    cases: [
      [h('a b', 80), 'deny:invalid label'],
      [h('a..b', 80), 'deny:empty label'],
      [h('*.corp.test', 80), 'deny:invalid label'],
      [h('x'.repeat(64), 80), 'deny:invalid label'],
      [h(`${'a.'.repeat(127)}b`, 80), 'deny:longer than 253'],
      [h('[10.0.0.1]', 80), 'deny:not a bracketed IPv6 address'],
      [h('db.test:5432'), 'deny:invalid label'],
      [{ host: 42 as unknown as string, port: 80 }, 'deny:host 42 is not a string'],
      [{}, 'deny:no host, address or path given'],
      [{ host: '' }, 'deny:no host, address or path given'],
      [h('db.test', -1), 'deny:port -1 is not a number from 0 to 65535'],
      [h('db.test', 70000), 'deny:port 70000'],
      [h('db.test', 1.5), 'deny:port 1.5'],
      [h('db.test', Number.NaN), 'deny:port NaN'],
      [h('db.test', 80, 'not-an-ip'), 'deny:address not-an-ip is not an IP address'],
      [{ host: 'db.test', address: 7 as unknown as string }, 'deny:is not an IP address'],
      [{ path: 5 as unknown as string }, 'deny:the unix socket path is not a string'],
      [{ host: 'db.test', url: 9 as unknown as string }, 'deny:is not a valid URL'],
      [null as unknown as Destination, 'deny:not a destination'],
      ['db.test' as unknown as Destination, 'deny:not a destination'],
    ],
  },
]

describe('decide() on the destination table', () => checkDecisionTable(destinationGroups, 120))
