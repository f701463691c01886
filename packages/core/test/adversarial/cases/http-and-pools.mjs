// HTTP: a loopback proxy that forwards out (absolute-form requests and CONNECT tunnels, from
// node:http, fetch and undici), a global dispatcher installed after the guard, and requests on
// pooled connections issued under a narrower scope than the one that opened the connection.
import http from 'node:http'
import net from 'node:net'

/** A raw CONNECT through the loopback proxy, then one request in the tunnel. */
function connectTunnel(kit, proxyPort, target) {
  return kit.timeout(
    new Promise((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port: proxyPort,
        method: 'CONNECT',
        path: target,
        agent: false,
      })
      req.on('connect', (res, socket) => {
        if (res.statusCode !== 200) return reject(new Error(`proxy said ${res.statusCode}`))
        socket.write(`GET / HTTP/1.1\r\nHost: ${target}\r\n\r\n`)
        socket.once('data', (d) => {
          socket.destroy()
          resolve(String(d).split('\r\n')[0])
        })
      })
      req.on('error', reject)
      req.end()
    }),
  )
}

/** Two requests on one keep-alive connection: the first under `first`, the second under `second`. */
async function pooled({ within, t }, first, second, send) {
  const url = `http://remote.test:${t.port}/`
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  try {
    await within(first, () => send(url, agent))
    return await within(second, () => send(url, agent))
  } finally {
    agent.destroy()
  }
}
const viaAgent = (kit) => (url, agent) => kit.httpRequest(url, { agent })

export default [
  ...[
    [
      'proxy-absolute-uri',
      'http.request to a loopback proxy with an absolute-form URL naming a remote',
      'remote.test',
    ],
    ['proxy-absolute-uri-ip', 'the same, the remote spelled as an IP literal', '198.18.0.10'],
  ].map(([id, title, host]) => ({
    id,
    title,
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      const path = `http://${host}:${t.port}/`
      return kit.httpRequest({ host: '127.0.0.1', port: t.proxyPort, path, agent: false })
    },
  })),
  {
    id: 'proxy-connect',
    title: 'http.request CONNECT remote.test:PORT through a loopback proxy',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      return connectTunnel(kit, t.proxyPort, `remote.test:${t.port}`)
    },
  },
  {
    id: 'proxy-connect-ip',
    title: 'CONNECT 198.18.0.10:PORT through a loopback proxy',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      return connectTunnel(kit, t.proxyPort, `198.18.0.10:${t.port}`)
    },
  },
  {
    id: 'proxy-undici-proxyagent',
    title: 'undici ProxyAgent (npm undici) on a loopback proxy, fetching a remote',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      const undici = await import('undici')
      const dispatcher = new undici.ProxyAgent(`http://127.0.0.1:${t.proxyPort}`)
      return kit.timeout(undici.fetch(`http://remote.test:${t.port}/`, { dispatcher }).then((r) => r.text()))
    },
  },
  {
    id: 'proxy-raw-socket',
    title: 'a CONNECT written by hand on a raw loopback socket: the guard sees only loopback bytes',
    verdict: 'sandbox-only',
    async run({ guard, kit, t }) {
      await guard()
      return kit.timeout(
        new Promise((resolve, reject) => {
          const s = net.connect(t.proxyPort, '127.0.0.1', () =>
            s.write(`CONNECT 198.18.0.10:${t.port} HTTP/1.1\r\n\r\n`),
          )
          s.once('data', (d) => {
            s.destroy()
            resolve(String(d).split('\r\n')[0])
          })
          s.on('error', reject)
        }),
      )
    },
  },
  {
    id: 'undici-set-global-dispatcher',
    title: 'setGlobalDispatcher(new Agent()) from npm undici after the guard, then global fetch',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      const undici = await import('undici')
      undici.setGlobalDispatcher(new undici.Agent())
      return kit.fetchText(`http://remote.test:${t.port}/`)
    },
  },
  {
    id: 'undici-request',
    title: 'undici.request (npm undici) with its own Agent',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      const undici = await import('undici')
      const res = await kit.timeout(
        undici.request(`http://198.18.0.10:${t.port}/`, { dispatcher: new undici.Agent() }),
      )
      return res.body.text()
    },
  },
  {
    id: 'undici-custom-connector',
    title: 'an undici Client whose connect() dials with a net.Socket of its own',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      const undici = await import('undici')
      const client = new undici.Client(`http://remote.test:${t.port}`, {
        connect: (_opts, cb) => {
          const s = net.connect(t.port, '198.18.0.10')
          s.once('connect', () => cb(null, s))
          s.once('error', (e) => cb(e, null))
        },
      })
      const res = await kit.timeout(client.request({ path: '/', method: 'GET' }))
      return res.body.text()
    },
  },
  {
    id: 'pool-http-agent',
    title:
      'keep-alive http.Agent: a connection opened under a scope allowing remote.test, reused under one that does not',
    verdict: 'blocked',
    budget: { connections: 1, requests: 1 },
    run: (ctx) => pooled(ctx, { allow: [`remote.test:${ctx.t.port}`] }, {}, viaAgent(ctx.kit)),
  },
  {
    id: 'pool-fetch',
    title: "fetch: undici's global pool reused under a narrower scope",
    verdict: 'blocked',
    budget: { connections: 1, requests: 1 },
    run: (ctx) => pooled(ctx, { allow: [`remote.test:${ctx.t.port}`] }, {}, (url) => ctx.kit.fetchText(url)),
  },
  {
    id: 'pool-http-agent-allowed',
    title: 'keep-alive http.Agent: the reused connection under a scope that allows it too',
    verdict: 'allowed',
    run: (ctx) =>
      pooled(
        ctx,
        { allow: [`remote.test:${ctx.t.port}`] },
        { allow: [`remote.test:${ctx.t.port}`] },
        viaAgent(ctx.kit),
      ),
  },
  {
    id: 'http-allowed-loopback',
    title: 'http.get to 127.0.0.1: allowed',
    verdict: 'allowed',
    reach: 'loopback.requests',
    async run({ guard, kit, t }) {
      await guard()
      return kit.httpRequest(`http://127.0.0.1:${t.port}/`)
    },
  },
  {
    id: 'fetch-allowed-rule',
    title: 'fetch of an allowed name: allowed',
    verdict: 'allowed',
    async run({ guard, kit, t }) {
      await guard({ allow: [`remote.test:${t.port}`] })
      return kit.fetchText(`http://remote.test:${t.port}/`)
    },
  },
]
