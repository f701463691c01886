import * as undici8 from 'undici'
import * as undici7 from 'undici7'
import { describe, expect, it } from 'vitest'
import { isHermetic, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { EgressBlockedError, egressGuard, withEgressGuard } from '../src/index.js'
import { rejectionOf } from './fixtures/http/client-calls.js'
import { startHttpServer } from './fixtures/http/http-servers.js'

const DISPATCHER_1 = Symbol.for('undici.globalDispatcher.1')
const DISPATCHER_2 = Symbol.for('undici.globalDispatcher.2')
const globals = globalThis as unknown as Record<symbol, unknown>

/** Put both global dispatcher symbols back after a test that replaced them (as a user's afterEach would). */
function saveGlobalDispatchers(): Disposable {
  const saved = [globals[DISPATCHER_1], globals[DISPATCHER_2]] as const
  return {
    [Symbol.dispose]() {
      globals[DISPATCHER_1] = saved[0]
      if (saved[1] !== undefined || DISPATCHER_2 in globalThis) globals[DISPATCHER_2] = saved[1]
    },
  }
}

// Both majors expose the same API; typed as one so each test reads the same for both.
const clients: [string, typeof undici8][] = [
  ['undici 8', undici8],
  ['undici 7', undici7 as unknown as typeof undici8],
]

describe.each(clients)('npm %s on loopback', (_name, undici) => {
  it('blocks request() outside a URL rule before any connection, with method and URL', async () => {
    await using server = await startHttpServer('127.0.0.1')
    using guard = egressGuard({ allowLoopback: false, allow: [`http://127.0.0.1:${server.port}/public`] })
    const error = await rejectionOf(undici.request(`${server.origin}/private`, { method: 'DELETE' }))
    expect(error).toBeInstanceOf(EgressBlockedError)
    expect(server.connections).toBe(0)
    expect(guard.report.attempts).toMatchObject([
      { protocol: 'http', verdict: 'blocked', method: 'DELETE', url: `${server.origin}/private` },
    ])
    const { body } = await undici.request(`${server.origin}/public`)
    expect(await body.text()).toBe('ok GET /public')
  })

  it('blocks fetch() outside a URL rule and allows the path it covers', async () => {
    await using server = await startHttpServer('127.0.0.1')
    using guard = egressGuard({ allowLoopback: false, allow: [`http://127.0.0.1:${server.port}/public`] })
    const error = await rejectionOf(undici.fetch(`${server.origin}/private`))
    expect(error.cause).toBeInstanceOf(EgressBlockedError)
    expect(await (await undici.fetch(`${server.origin}/public`)).text()).toBe('ok GET /public')
    expect(server.requests).toEqual(['GET /public'])
    expect(guard.report.violations).toHaveLength(1)
  })

  it('judges requests through an Agent that is not the global dispatcher', async () => {
    await using server = await startHttpServer('127.0.0.1')
    const agent = new undici.Agent()
    try {
      using guard = egressGuard({ allowLoopback: false, allow: [`http://127.0.0.1:${server.port}/public`] })
      const error = await rejectionOf(undici.request(`${server.origin}/private`, { dispatcher: agent }))
      expect(error).toBeInstanceOf(EgressBlockedError)
      const { body } = await undici.request(`${server.origin}/public?a=1`, {
        dispatcher: agent,
        method: 'POST',
      })
      expect(await body.text()).toBe('ok POST /public?a=1')
      expect(server.requests).toEqual(['POST /public?a=1'])
      expect(guard.report.violations).toMatchObject([
        { protocol: 'http', verdict: 'blocked', url: `${server.origin}/private` },
      ])
      // undici 7 may open a connection for the failed request (its host and port are allowed): it carries nothing.
      expect(guard.report.attempts.filter((a) => a.url !== undefined)).toMatchObject([
        { protocol: 'http', verdict: 'blocked', url: `${server.origin}/private` },
        {
          protocol: 'http',
          verdict: 'allowed',
          method: 'POST',
          url: `${server.origin}/public?a=1`,
          address: '127.0.0.1',
        },
      ])
    } finally {
      await agent.close()
    }
  })

  it('re-wraps a global dispatcher set by setGlobalDispatcher() while guarded, and keeps it on dispose', async () => {
    await using server = await startHttpServer('127.0.0.1')
    using _restore = saveGlobalDispatchers()
    const agent = new undici.Agent()
    const guard = egressGuard({ allowLoopback: false, allow: [`http://127.0.0.1:${server.port}/public`] })
    undici.setGlobalDispatcher(agent)
    const first = await rejectionOf(undici.request(`${server.origin}/private-1`))
    expect(first).toBeInstanceOf(EgressBlockedError)
    expect(undici.getGlobalDispatcher()).not.toBe(agent)
    expect(undici.getGlobalDispatcher()).toBeInstanceOf(undici.Agent)
    const second = await rejectionOf(undici.request(`${server.origin}/private-2`))
    expect(second).toBeInstanceOf(EgressBlockedError)
    expect(server.requests).toEqual([])
    expect(guard.report.violations.map((a) => a.url)).toEqual([
      `${server.origin}/private-1`,
      `${server.origin}/private-2`,
    ])
    guard.dispose()
    expect(undici.getGlobalDispatcher()).toBe(agent)
    await agent.close()
  })

  it('leaves a MockAgent alone: a mocked request is not egress', async () => {
    using _restore = saveGlobalDispatchers()
    const mockAgent = new undici.MockAgent()
    mockAgent.disableNetConnect()
    mockAgent.get('http://api.example.test').intercept({ path: '/mocked' }).reply(200, 'mocked answer')
    undici.setGlobalDispatcher(mockAgent)
    using guard = egressGuard({ mode: 'block' })
    const { body } = await undici.request('http://api.example.test/mocked')
    expect(await body.text()).toBe('mocked answer')
    expect(guard.report.attempts).toEqual([])
    expect(undici.getGlobalDispatcher()).toBe(mockAgent)
    await mockAgent.close()
  })
})

describe('a guarded dispatcher set again as the global one (npm undici 8)', () => {
  it('judges and records a refused request once, not once per layer of wrapping', async () => {
    await using server = await startHttpServer('127.0.0.1')
    using _restore = saveGlobalDispatchers()
    const { report } = await withEgressGuard(
      { mode: 'record', allowLoopback: false, allow: [`http://127.0.0.1:${server.port}/public`] },
      async () => {
        undici8.setGlobalDispatcher(undici8.getGlobalDispatcher())
        const { body } = await undici8.request(`${server.origin}/private`)
        await body.text()
        const second = await fetch(`${server.origin}/private-too`)
        await second.text()
      },
    )
    expect(server.requests).toEqual(['GET /private', 'GET /private-too'])
    expect(report.violations.map((a) => a.url)).toEqual([
      `${server.origin}/private`,
      `${server.origin}/private-too`,
    ])
  })
})

describe.runIf(isHermetic).each(clients)('npm %s to fake remotes', (_name, undici) => {
  it('blocks request() to an address no rule covers: the remote sees no connection', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    using guard = egressGuard()
    const error = await rejectionOf(undici.request(`${remote.origin}/x`, { method: 'POST', body: 'data' }))
    expect(error).toBeInstanceOf(EgressBlockedError)
    expect(error.message).toContain(`allow: ["${REMOTE_V4}:${remote.port}"]`)
    expect(remote.connections).toBe(0)
    expect(guard.report.violations).toMatchObject([
      { protocol: 'http', verdict: 'blocked', method: 'POST', url: `${remote.origin}/x`, host: REMOTE_V4 },
    ])
  })

  it('blocks a name resolving outside the allowlist through an explicit Agent', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    const agent = new undici.Agent()
    try {
      using guard = egressGuard()
      const error = await rejectionOf(
        undici.request(`http://remote.test:${remote.port}/`, { dispatcher: agent }),
      )
      expect(error).toBeInstanceOf(EgressBlockedError)
      expect(remote.connections).toBe(0)
      expect(guard.report.violations).toMatchObject([
        { host: 'remote.test', address: REMOTE_V4, verdict: 'blocked' },
      ])
    } finally {
      await agent.close()
    }
  })

  it('allows request() and fetch() under a name rule, recording method and URL', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    using guard = egressGuard({ allow: ['remote.test'] })
    const { body } = await undici.request(`http://remote.test:${remote.port}/a`, { method: 'PUT', body: 'x' })
    expect(await body.text()).toBe('ok PUT /a')
    expect(await (await undici.fetch(`http://remote.test:${remote.port}/b`)).text()).toBe('ok GET /b')
    expect(remote.requests).toEqual(['PUT /a', 'GET /b'])
    expect(guard.report.attempts).toMatchObject([
      { verdict: 'allowed', rule: 'remote.test', method: 'PUT', url: `http://remote.test:${remote.port}/a` },
      { verdict: 'allowed', rule: 'remote.test', method: 'GET', url: `http://remote.test:${remote.port}/b` },
    ])
  })

  it('records request() once in record mode', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    const { value, report } = await withEgressGuard({ mode: 'record' }, async () => {
      const { body } = await undici.request(`${remote.origin}/rec`)
      return body.text()
    })
    expect(value).toBe('ok GET /rec')
    expect(report.attempts).toHaveLength(1)
    expect(report.violations).toMatchObject([
      { verdict: 'recorded', address: REMOTE_V4, url: `${remote.origin}/rec` },
    ])
  })
})
