// Names: ones that look local or allowed but resolve elsewhere, `*.localhost`, case and trailing
// dots, IDN homographs of an allowed name, dual-stack names, and names the hosts file does not list
// (which must be refused before any DNS query leaves).
const blockedNames = [
  [
    'name-localhost-evil',
    'localhost.evil.test',
    'a name starting with "localhost" that resolves to a remote',
  ],
  ['name-other', 'other.test', 'a hosts-file name no rule covers'],
  [
    'name-same-address',
    'api.example.test',
    "a different name for the allowed name's address (remote.test is allowed)",
  ],
  ['name-trailing-dot', 'other.test.', 'a forbidden name with a trailing dot'],
  ['name-upper', 'OTHER.TEST', 'a forbidden name in upper case'],
  ['name-allowed-suffix', 'remote.test.other.test', 'the allowed name as a prefix of another name'],
  ['name-allowed-prefix', 'evilremote.test', 'the allowed name as a suffix without a dot'],
  ['name-idn-cyrillic-o', 'remоte.test', 'IDN homograph of remote.test (Cyrillic о)'],
  ['name-idn-punycode', 'xn--rmote-jye.test', 'an IDN homograph in punycode'],
  ['name-fullwidth-dot', 'other\uFF0Etest', 'a forbidden name with a full-width dot'],
  ['name-dns-only', 'dns-only.test', 'a name only DNS knows: no query may leave for it'],
  ['name-exfil-label', 'c2VjcmV0.dns-only.test', 'data encoded in a label of an unknown name'],
  ['name-remote6', 'remote6.test', 'a name with only an IPv6 address'],
]

// Findings of earlier corpus runs, fixed in the guard (ADR 0021): *.localhost names are answered
// locally as loopback (RFC 6761: no query leaves), and IDN names count by their punycode form.
const known = {}

export default [
  ...blockedNames.map(([id, host, title]) => ({
    id,
    title: `net.connect to ${host}: ${title}`,
    verdict: 'blocked',
    ...(known[id] ? { knownFindings: known[id][0], knownEscape: known[id][1] } : {}),
    async run({ guard, kit, t }) {
      await guard({ allow: [`remote.test:${t.port}`] })
      return kit.tcp({ host, port: t.port })
    },
  })),
  {
    id: 'name-dual-stack',
    title: 'dual.test (198.18.0.11 and 2001:db8::11) with autoSelectFamily: both legs refused, none connects',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      return kit.tcp({ host: 'dual.test', port: t.port, autoSelectFamily: true })
    },
  },
  {
    id: 'name-idn-url',
    title: 'http.get of http://remоte.test (Cyrillic о): the URL parser turns it into punycode',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard({ allow: [`remote.test:${t.port}`] })
      return kit.httpRequest(`http://remоte.test:${t.port}/`)
    },
  },
  {
    id: 'name-dual-stack-fetch',
    title: 'fetch http://dual.test: both families refused',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      return kit.fetchText(`http://dual.test:${t.port}/`)
    },
  },
  {
    id: 'name-allowed',
    title: 'remote.test allowed by a rule: reached',
    verdict: 'allowed',
    async run({ guard, kit, t }) {
      await guard({ allow: [`remote.test:${t.port}`] })
      return kit.tcp({ host: 'remote.test', port: t.port })
    },
  },
  {
    id: 'name-allowed-upper',
    title: 'REMOTE.Test, the allowed name in another case: not refused',
    verdict: 'allowed',
    async run({ guard, kit, t }) {
      await guard({ allow: [`remote.test:${t.port}`] })
      return kit.tcp({ host: 'REMOTE.Test', port: t.port })
    },
  },
  {
    id: 'name-loopback-alias',
    title: 'loop.test (hosts file: 127.0.0.1) without a rule: loopback, allowed',
    verdict: 'allowed',
    reach: 'loopback.connections',
    async run({ guard, kit, t }) {
      await guard()
      return kit.tcp({ host: 'loop.test', port: t.port })
    },
  },
  {
    id: 'name-localhost',
    title: 'localhost: allowed',
    verdict: 'allowed',
    reach: 'loopback.connections',
    async run({ guard, kit, t }) {
      await guard()
      return kit.tcp({ host: 'localhost', port: t.port, family: 4 })
    },
  },
  ...[
    [
      'name-localhost-dns',
      'evil.localhost',
      'a *.localhost name that DNS would answer with a remote address',
    ],
    ['name-localhost-exfil', 'c2VjcmV0.localhost', 'data encoded in a *.localhost label'],
  ].map(([id, host, title]) => ({
    id,
    title: `net.connect to ${host}: ${title}: answered locally as loopback (RFC 6761), no DNS query`,
    verdict: 'allowed',
    reach: 'loopback.connections',
    async run({ guard, kit, t }) {
      await guard({ allow: [`remote.test:${t.port}`] })
      return kit.tcp({ host, port: t.port, family: 4 })
    },
  })),
  {
    id: 'name-lookup-option-lies',
    title: "a caller's lookup answering 'loop.test' with a remote address: judged by the address",
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      const lookup = (_host, options, cb) =>
        options.all ? cb(null, [{ address: '198.18.0.10', family: 4 }]) : cb(null, '198.18.0.10', 4)
      return kit.tcp({ host: 'loop.test', port: t.port, lookup })
    },
  },
]
