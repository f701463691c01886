// Runner side of the bypass corpus: the counting servers one case may reach. Every case gets its own
// set, all on one port P: TCP and UDP on each fake remote address (198.18.0.10/.11/.12,
// 2001:db8::10/::11) and on 127.0.0.1, plus a forwarding proxy on 127.0.0.1 that relays anywhere.
// This process is not guarded: it plays the rest of the world.
import dgram from 'node:dgram'
import { once } from 'node:events'
import http from 'node:http'
import net from 'node:net'

export const REMOTE_TCP = ['198.18.0.10', '198.18.0.11', '198.18.0.12', '2001:db8::10', '2001:db8::11']
export const REMOTE_UDP = ['198.18.0.10', '198.18.0.11', '2001:db8::10', '2001:db8::11']
const LOOPBACK = '127.0.0.1'
const REQUEST_LINE = /(?:^|\r\n\r\n)[A-Z]+ \S+ HTTP\/1\.[01]\r\n/g
const RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\nhello'

function tcpServer(host, port, count) {
  const sockets = new Set()
  const server = net.createServer((socket) => {
    count('connections')
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    socket.on('data', (chunk) => {
      const text = chunk.toString('latin1')
      const requests = text.match(REQUEST_LINE)?.length ?? 0
      for (let i = 0; i < requests; i++) {
        count('requests')
        socket.write(RESPONSE)
      }
      if (requests === 0) {
        count('bytes')
        socket.write('hello\n')
      }
    })
  })
  server.listen({ host, port, exclusive: true })
  return { server, sockets }
}

function udpServer(host, port, count) {
  const socket = dgram.createSocket({ type: net.isIPv6(host) ? 'udp6' : 'udp4' })
  socket.on('message', () => count('datagrams'))
  socket.on('error', () => {})
  socket.bind(port, host)
  return socket
}

/** A forward proxy: absolute-form requests and CONNECT tunnels, relayed to whatever they name. */
function forwardProxy(count) {
  const sockets = new Set()
  const track = (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => {})
  }
  const server = http.createServer((req, res) => {
    count('proxied')
    let target
    try {
      target = new URL(req.url)
    } catch {
      res.writeHead(400).end('absolute URL expected')
      return
    }
    const out = http.request(
      {
        host: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port || 80,
        path: target.pathname,
        method: req.method,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    out.on('error', () => res.writeHead(502).end('unreachable'))
    req.pipe(out)
  })
  server.on('connection', track)
  server.on('connect', (req, client, head) => {
    count('proxied')
    const at = req.url.lastIndexOf(':')
    const upstream = net.connect(Number(req.url.slice(at + 1)), req.url.slice(0, at).replace(/^\[|\]$/g, ''))
    track(upstream)
    upstream.on('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'))
  })
  server.listen(0, LOOPBACK)
  return { server, sockets }
}

async function listenAll(port, count) {
  const tcp = []
  const udp = []
  try {
    for (const host of REMOTE_TCP) tcp.push(tcpServer(host, port, (what) => count(what)))
    tcp.push(tcpServer(LOOPBACK, port, (what) => count(`loopback.${what}`)))
    for (const host of REMOTE_UDP) udp.push(udpServer(host, port, (what) => count(what)))
    udp.push(udpServer(LOOPBACK, port, (what) => count(`loopback.${what}`)))
    await Promise.all([
      ...tcp.map(({ server }) => once(server, 'listening')),
      ...udp.map((s) => once(s, 'listening')),
    ])
    return { tcp, udp }
  } catch (error) {
    await closeAll({ tcp, udp })
    throw error
  }
}

async function closeAll({ tcp, udp }) {
  for (const { server, sockets } of tcp) {
    for (const s of sockets) s.destroy()
    if (server.listening) await new Promise((resolve) => server.close(() => resolve()))
  }
  for (const s of udp) await new Promise((resolve) => s.close(() => resolve())).catch(() => {})
}

/**
 * Start one case's servers. `counts` tallies what reached them: `connections`, `requests`,
 * `datagrams`, `bytes` on the fake remotes; the same prefixed `loopback.` on 127.0.0.1; `proxied`.
 */
export async function startTargets() {
  const counts = {}
  const count = (what) => {
    counts[what] = (counts[what] ?? 0) + 1
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const probe = net.createServer().listen(0, REMOTE_TCP[0])
    await once(probe, 'listening')
    const { port } = probe.address()
    await new Promise((resolve) => probe.close(() => resolve()))
    let servers
    try {
      servers = await listenAll(port, count)
    } catch {
      continue
    }
    const proxy = forwardProxy(count)
    await once(proxy.server, 'listening')
    const close = async () => {
      await closeAll({ tcp: [...servers.tcp, proxy], udp: servers.udp })
    }
    return { port, proxyPort: proxy.server.address().port, counts, close }
  }
  throw new Error('corpus: no port free on every fake address after 20 tries')
}
