import { describe, expect, it } from 'vitest'
import { isHermetic, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { EgressBlockedError, egressGuard, withEgressGuard } from '../src/index.js'
import { rejectionOf } from './fixtures/http/client-calls.js'
import { startHttpServer } from './fixtures/http/http-servers.js'

const DISPATCHER_1 = Symbol.for('undici.globalDispatcher.1')
const DISPATCHER_2 = Symbol.for('undici.globalDispatcher.2')
const globals = globalThis as unknown as Record<symbol, unknown>

describe('global fetch on loopback', () => {
  it('records method and URL on the connection of an allowed fetch', async () => {
    await using server = await startHttpServer('127.0.0.1')
    using guard = egressGuard()
    const response = await fetch(`${server.origin}/fetched?q=1`, { method: 'PATCH', body: 'x' })
    expect(await response.text()).toBe('ok PATCH /fetched?q=1')
    expect(guard.report.attempts).toMatchObject([
      {
        protocol: 'http',
        method: 'PATCH',
        url: `${server.origin}/fetched?q=1`,
        address: '127.0.0.1',
        verdict: 'allowed',
      },
    ])
  })

  it('fails a fetch outside a URL rule before any socket, naming the URL', async () => {
    await using server = await startHttpServer('127.0.0.1')
    using guard = egressGuard({ allowLoopback: false, allow: [`http://127.0.0.1:${server.port}/ok/`] })
    const error = await rejectionOf(fetch(`${server.origin}/not-ok`))
    expect(error).toBeInstanceOf(TypeError)
    expect(error.cause).toBeInstanceOf(EgressBlockedError)
    expect((error.cause as Error).message).toContain(`GET ${server.origin}/not-ok`)
    expect(server.connections).toBe(0)
    expect(guard.report.attempts).toMatchObject([
      { protocol: 'http', verdict: 'blocked', method: 'GET', url: `${server.origin}/not-ok` },
    ])
    expect(await (await fetch(`${server.origin}/ok/yes`)).text()).toBe('ok GET /ok/yes')
    expect(server.requests).toEqual(['GET /ok/yes'])
  })

  it('guards both global dispatcher symbols while active and restores them exactly', () => {
    const before = [globals[DISPATCHER_1], globals[DISPATCHER_2]]
    const guard = egressGuard()
    expect(globals[DISPATCHER_1]).not.toBe(before[0])
    if (before[1] !== undefined) expect(globals[DISPATCHER_2]).not.toBe(before[1])
    expect(globals[DISPATCHER_1]).toBeInstanceOf((before[0] as object).constructor)
    guard.dispose()
    expect([globals[DISPATCHER_1], globals[DISPATCHER_2]]).toEqual(before)
    expect(globals[DISPATCHER_1]).toBe(before[0])
  })
})

describe.runIf(isHermetic)('global fetch to fake remotes', () => {
  it('blocks a fetch to an address no rule covers: the remote sees no connection', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    using guard = egressGuard()
    const error = await rejectionOf(fetch(`${remote.origin}/blocked`, { method: 'POST', body: 'secret' }))
    expect(error.cause).toBeInstanceOf(EgressBlockedError)
    expect(remote.connections).toBe(0)
    expect(guard.report.violations).toMatchObject([
      {
        protocol: 'http',
        verdict: 'blocked',
        host: REMOTE_V4,
        port: remote.port,
        method: 'POST',
        url: `${remote.origin}/blocked`,
      },
    ])
  })

  it('blocks a name that resolves outside the allowlist', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    using guard = egressGuard()
    const error = await rejectionOf(fetch(`http://localhost.evil.test:${remote.port}/`))
    expect((error.cause as { code?: string }).code).toBe('ERR_EGRESS_BLOCKED')
    expect(remote.connections).toBe(0)
    expect(guard.report.violations).toMatchObject([
      { host: 'localhost.evil.test', address: REMOTE_V4, verdict: 'blocked' },
    ])
  })

  it('allows a fetch covered by a rule', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    using guard = egressGuard({ allow: [`api.example.test:${remote.port}`] })
    const response = await fetch(`http://api.example.test:${remote.port}/v1/items`)
    expect(await response.text()).toBe('ok GET /v1/items')
    expect(guard.report.attempts).toMatchObject([
      {
        verdict: 'allowed',
        host: 'api.example.test',
        address: REMOTE_V4,
        url: `http://api.example.test:${remote.port}/v1/items`,
        method: 'GET',
      },
    ])
  })

  it('records a fetch in record mode once, with its URL', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    const { value, report } = await withEgressGuard({ mode: 'record' }, async () => {
      const response = await fetch(`${remote.origin}/recorded`)
      return response.text()
    })
    expect(value).toBe('ok GET /recorded')
    expect(report.attempts).toHaveLength(1)
    expect(report.violations).toMatchObject([
      {
        verdict: 'recorded',
        address: REMOTE_V4,
        url: `${remote.origin}/recorded`,
        method: 'GET',
        protocol: 'http',
      },
    ])
  })
})
