// Every spelling of a forbidden address (198.18.0.10, 2001:db8::10, where counting servers listen):
// each must be refused with ERR_EGRESS_BLOCKED and recorded, and reach nothing. Plus spellings of an
// allowed address, which must not be refused.
const tcpForms = [
  ['v4-dotted', '198.18.0.10', 'plain dotted quad'],
  ['v4-octal', '0306.022.0.012', 'octal dotted quad'],
  ['v4-octal-part', '198.18.0.012', 'one octal part (012 = 10)'],
  ['v4-hex-dotted', '0xc6.0x12.0x0.0xa', 'hex dotted quad'],
  ['v4-hex-upper', '0XC6.0X12.0X0.0XA', 'hex dotted quad, upper case'],
  ['v4-hex-integer', '0xc612000a', 'one hex integer'],
  ['v4-decimal-integer', '3323068426', 'one decimal integer'],
  ['v4-octal-integer', '030604400012', 'one octal integer'],
  ['v4-short-3', '198.18.10', 'three parts (a.b.c, c is 16 bits)'],
  ['v4-short-2', '198.1179658', 'two parts (a.b, b is 24 bits)'],
  ['v4-mixed-radix', '0306.0x12.0.10', 'octal, hex and decimal parts mixed'],
  ['v4-trailing-dot', '198.18.0.10.', 'dotted quad with a trailing dot'],
  ['v6-plain', '2001:db8::10', 'IPv6 literal'],
  ['v6-expanded', '2001:0db8:0000:0000:0000:0000:0000:0010', 'IPv6 fully expanded'],
  ['v6-upper', '2001:DB8::10', 'IPv6 upper case'],
  ['v6-zone-id', '2001:db8::10%lo', 'IPv6 with a zone id'],
  ['v6-mapped', '::ffff:198.18.0.10', 'IPv4-mapped IPv6, dotted'],
  ['v6-mapped-hex', '::ffff:c612:a', 'IPv4-mapped IPv6, hex'],
  ['v6-mapped-expanded', '0:0:0:0:0:ffff:c612:000a', 'IPv4-mapped IPv6, expanded'],
  ['v6-compatible', '::198.18.0.10', 'IPv4-compatible IPv6 (deprecated form)'],
  ['v6-nat64', '64:ff9b::c612:a', 'NAT64 well-known prefix embedding 198.18.0.10'],
]

const urlForms = [
  ['url-octal', 'http://0306.022.0.012:PORT/', 'octal host in a URL (WHATWG normalises it)'],
  ['url-integer', 'http://3323068426:PORT/', 'integer host in a URL'],
  ['url-v6', 'http://[2001:db8::10]:PORT/', 'IPv6 literal in a URL'],
  ['url-mapped', 'http://[::ffff:198.18.0.10]:PORT/', 'IPv4-mapped IPv6 in a URL'],
  ['url-userinfo', 'http://127.0.0.1:PORT@198.18.0.10:PORT/', 'loopback spelled in the userinfo part'],
]

export default [
  ...tcpForms.map(([id, host, title]) => ({
    id,
    title: `net.connect to ${host}: ${title}`,
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      return kit.tcp({ host, port: t.port })
    },
  })),
  ...urlForms.map(([id, url, title]) => ({
    id: `${id}-http`,
    title: `http.get ${url}: ${title}`,
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      return kit.httpRequest(url.replaceAll('PORT', t.port))
    },
  })),
  ...urlForms.slice(0, 4).map(([id, url, title]) => ({
    id: `${id}-fetch`,
    title: `fetch ${url}: ${title}`,
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      return kit.fetchText(url.replaceAll('PORT', t.port))
    },
  })),
  {
    id: 'v4-hex-allowed',
    title: 'an allowed address spelled as one hex integer is not refused',
    verdict: 'allowed',
    async run({ guard, kit, t }) {
      await guard({ allow: [`198.18.0.10:${t.port}`] })
      return kit.tcp({ host: '0xc612000a', port: t.port })
    },
  },
  {
    id: 'v6-mapped-allowed',
    title: 'an allowed IPv4 address reached as IPv4-mapped IPv6 is not refused',
    verdict: 'allowed',
    async run({ guard, kit, t }) {
      await guard({ allow: [`198.18.0.10:${t.port}`] })
      return kit.tcp({ host: '::ffff:198.18.0.10', port: t.port })
    },
  },
  {
    id: 'v4-short-loopback',
    title: '127.1 is loopback and allowed',
    verdict: 'allowed',
    reach: 'loopback.connections',
    async run({ guard, kit, t }) {
      await guard()
      return kit.tcp({ host: '127.1', port: t.port })
    },
  },
]
