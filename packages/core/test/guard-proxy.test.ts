import http from 'node:http'
import * as undici8 from 'undici'
import * as undici7 from 'undici7'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { isHermetic, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { EgressBlockedError, withEgressGuard } from '../src/index.js'
import { rejectionOf } from './fixtures/http/client-calls.js'
import { startForwardProxy } from './fixtures/http/forward-proxy.js'
import { startHttpServer } from './fixtures/http/http-servers.js'

// The proxy runs in this process but outside the guarded async context (withEgressGuard), so its
// own upstream connections are not judged: what the tests prove is that the guard judged the real
// target at the client, before the proxy was asked for anything.

const DISPATCHER_1 = Symbol.for('undici.globalDispatcher.1')
const DISPATCHER_2 = Symbol.for('undici.globalDispatcher.2')
const globals = globalThis as unknown as Record<symbol, unknown>

afterEach(() => {
  vi.unstubAllEnvs()
})

// Both majors expose the same API; typed as one so each test reads the same for both.
const clients: [string, typeof undici8][] = [
  ['undici 8', undici8],
  ['undici 7', undici7 as unknown as typeof undici8],
]

describe.runIf(isHermetic).each(clients)('%s ProxyAgent on a loopback proxy', (_name, undici) => {
  it('blocks the real target, not the proxy: neither proxy nor remote is asked', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    await using proxy = await startForwardProxy()
    const dispatcher = new undici.ProxyAgent(proxy.url)
    try {
      const { value: error, report } = await withEgressGuard({ mode: 'block' }, () =>
        rejectionOf(undici.request(`http://remote.test:${remote.port}/data`, { dispatcher })),
      )
      expect(error).toBeInstanceOf(EgressBlockedError)
      expect(error.message).toContain(`remote.test:${remote.port}`)
      expect(proxy.received).toEqual([])
      expect(remote.connections).toBe(0)
      expect(report.violations).toMatchObject([
        { protocol: 'http', host: 'remote.test', port: remote.port, verdict: 'blocked' },
      ])
    } finally {
      await dispatcher.close()
    }
  })

  it('allows a target covered by a rule through the proxy', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    await using proxy = await startForwardProxy()
    const dispatcher = new undici.ProxyAgent(proxy.url)
    try {
      const { value, report } = await withEgressGuard({ mode: 'block', allow: ['remote.test'] }, async () => {
        const { body } = await undici.request(`http://remote.test:${remote.port}/data`, { dispatcher })
        return body.text()
      })
      expect(value).toBe('ok GET /data')
      expect(proxy.received.length).toBeGreaterThan(0)
      expect(remote.requests).toEqual(['GET /data'])
      expect(report.violations).toEqual([])
    } finally {
      await dispatcher.close()
    }
  })

  it('records the real target in record mode and lets it through', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    await using proxy = await startForwardProxy()
    const dispatcher = new undici.ProxyAgent(proxy.url)
    try {
      const { value, report } = await withEgressGuard({ mode: 'record' }, async () => {
        const { body } = await undici.request(`http://remote.test:${remote.port}/rec`, { dispatcher })
        return body.text()
      })
      expect(value).toBe('ok GET /rec')
      expect(report.violations).toMatchObject([
        { protocol: 'http', host: 'remote.test', port: remote.port, verdict: 'recorded' },
      ])
    } finally {
      await dispatcher.close()
    }
  })

  it('blocks the real target of global fetch through EnvHttpProxyAgent (HTTP_PROXY on loopback)', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    await using proxy = await startForwardProxy()
    vi.stubEnv('HTTP_PROXY', proxy.url)
    vi.stubEnv('http_proxy', proxy.url)
    vi.stubEnv('NO_PROXY', '')
    vi.stubEnv('no_proxy', '')
    const saved = [globals[DISPATCHER_1], globals[DISPATCHER_2]] as const
    const agent = new undici.EnvHttpProxyAgent()
    undici.setGlobalDispatcher(agent)
    try {
      const { report } = await withEgressGuard({ mode: 'block' }, async () => {
        for (const path of ['/first', '/second']) {
          const error = await rejectionOf(fetch(`http://other.test:${remote.port}${path}`))
          expect(error.cause).toBeInstanceOf(EgressBlockedError)
        }
      })
      expect(proxy.received).toEqual([])
      expect(remote.connections).toBe(0)
      expect(report.violations).toMatchObject([
        { host: 'other.test', verdict: 'blocked' },
        { host: 'other.test', verdict: 'blocked' },
      ])
    } finally {
      globals[DISPATCHER_1] = saved[0]
      if (saved[1] !== undefined || DISPATCHER_2 in globalThis) globals[DISPATCHER_2] = saved[1]
      await agent.close()
    }
  })
})

describe.runIf(isHermetic)('node:http through a loopback proxy (absolute-form request)', () => {
  function viaProxy(proxyPort: number, target: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: proxyPort, path: target, agent: false }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      req.on('error', reject)
      req.end()
    })
  }

  it('blocks the target named in the request line before the proxy sees it', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    await using proxy = await startForwardProxy()
    const target = `http://${REMOTE_V4}:${remote.port}/abs`
    const { value: error, report } = await withEgressGuard({ mode: 'block' }, () =>
      rejectionOf(viaProxy(proxy.port, target)),
    )
    expect(error).toBeInstanceOf(EgressBlockedError)
    expect(proxy.received).toEqual([])
    expect(remote.connections).toBe(0)
    expect(report.violations).toMatchObject([
      { protocol: 'http', host: REMOTE_V4, url: target, verdict: 'blocked' },
    ])
  })

  it('allows a target covered by a rule through the proxy', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    await using proxy = await startForwardProxy()
    const target = `http://${REMOTE_V4}:${remote.port}/abs`
    const { value } = await withEgressGuard({ mode: 'block', allow: [`${REMOTE_V4}:${remote.port}`] }, () =>
      viaProxy(proxy.port, target),
    )
    expect(value).toBe(200)
    expect(proxy.received).toEqual([`GET ${target}`])
    expect(remote.requests).toEqual(['GET /abs'])
  })
})
