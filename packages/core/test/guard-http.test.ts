import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { isHermetic, OTHER_V4, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { EgressBlockedError, egressGuard, withEgressGuard } from '../src/index.js'
import { get, rejectionOf } from './fixtures/http/client-calls.js'
import { startHttpServer } from './fixtures/http/http-servers.js'
import { testCertificate } from './fixtures/http/test-certificate.js'

describe('node:http on loopback', () => {
  it('gives the connection attempt the method, URL and protocol http of its request', async () => {
    await using server = await startHttpServer('127.0.0.1')
    using guard = egressGuard()
    const answer = await get(`${server.origin}/hello?x=1`)
    expect(answer.body).toBe('ok GET /hello?x=1')
    expect(guard.report.attempts).toMatchObject([
      {
        protocol: 'http',
        method: 'GET',
        url: `${server.origin}/hello?x=1`,
        address: '127.0.0.1',
        verdict: 'allowed',
      },
    ])
  })

  it('enriches a connection to a name once its lookup has run', async () => {
    await using server = await startHttpServer('127.0.0.1')
    using guard = egressGuard()
    await get(`http://localhost:${server.port}/named`, { family: 4, method: 'POST' })
    expect(guard.report.attempts).toMatchObject([
      {
        protocol: 'http',
        method: 'POST',
        url: `http://localhost:${server.port}/named`,
        host: 'localhost',
        address: '127.0.0.1',
      },
    ])
  })

  it('blocks a path outside a URL rule before the request reaches the server, and records it', async () => {
    await using server = await startHttpServer('127.0.0.1')
    using guard = egressGuard({ allowLoopback: false, allow: [`http://127.0.0.1:${server.port}/api/`] })
    const error = await rejectionOf(get(`${server.origin}/admin`, { method: 'DELETE' }))
    expect(error).toBeInstanceOf(EgressBlockedError)
    expect(error.message).toContain(`DELETE ${server.origin}/admin`)
    expect(server.requests).toEqual([])
    expect(guard.report.violations).toMatchObject([
      {
        protocol: 'http',
        verdict: 'blocked',
        method: 'DELETE',
        url: `${server.origin}/admin`,
        port: server.port,
      },
    ])
    const allowed = await get(`${server.origin}/api/items`)
    expect(allowed.body).toBe('ok GET /api/items')
    expect(server.requests).toEqual(['GET /api/items'])
    expect(guard.report.attempts.at(-1)).toMatchObject({
      verdict: 'allowed',
      rule: `http://127.0.0.1:${server.port}/api/`,
      url: `${server.origin}/api/items`,
    })
  })

  it('judges every request on a kept-alive connection by its own path', async () => {
    await using server = await startHttpServer('127.0.0.1')
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      using guard = egressGuard({ allowLoopback: false, allow: [`http://127.0.0.1:${server.port}/api`] })
      await get(`${server.origin}/api`, { agent, headers: { connection: 'keep-alive' } })
      const error = await rejectionOf(get(`${server.origin}/secret`, { agent }))
      expect(error).toBeInstanceOf(EgressBlockedError)
      expect(server.requests).toEqual(['GET /api'])
      expect(guard.report.violations).toMatchObject([{ url: `${server.origin}/secret`, verdict: 'blocked' }])
    } finally {
      agent.destroy()
    }
  })

  it('records, in record mode, a request outside the path prefix and lets it through', async () => {
    await using server = await startHttpServer('127.0.0.1')
    const { value, report } = await withEgressGuard(
      { mode: 'record', allowLoopback: false, allow: [`http://127.0.0.1:${server.port}/api/`] },
      () => get(`${server.origin}/other`),
    )
    expect(value.body).toBe('ok GET /other')
    expect(report.violations).toMatchObject([
      { protocol: 'http', verdict: 'recorded', url: `${server.origin}/other` },
    ])
    expect(report.attempts).toHaveLength(2)
  })

  it('stops judging requests once the guard is disposed', async () => {
    await using server = await startHttpServer('127.0.0.1')
    const guard = egressGuard({ allowLoopback: false })
    guard.dispose()
    expect((await get(`${server.origin}/after`)).body).toBe('ok GET /after')
    expect(guard.report.attempts).toEqual([])
  })
})

describe.runIf(isHermetic)('node:http and node:https to fake remotes', () => {
  it('blocks http to an address no rule covers: the remote sees no connection', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    using guard = egressGuard()
    const error = await rejectionOf(get(`${remote.origin}/x`, { method: 'PUT' }))
    expect(error.code).toBe('ERR_EGRESS_BLOCKED')
    expect(remote.connections).toBe(0)
    expect(guard.report.violations).toMatchObject([
      {
        verdict: 'blocked',
        address: REMOTE_V4,
        port: remote.port,
        method: 'PUT',
        url: `${remote.origin}/x`,
        protocol: 'http',
      },
    ])
  })

  it('allows http to a name rule and records method and URL', async () => {
    await using remote = await startHttpServer(REMOTE_V4)
    using guard = egressGuard({ allow: ['remote.test'] })
    const answer = await get(`http://remote.test:${remote.port}/data`)
    expect(answer.body).toBe('ok GET /data')
    expect(guard.report.attempts).toMatchObject([
      {
        verdict: 'allowed',
        rule: 'remote.test',
        address: REMOTE_V4,
        url: `http://remote.test:${remote.port}/data`,
        method: 'GET',
      },
    ])
  })

  it('blocks https to a name that resolves outside the allowlist', async () => {
    await using remote = await startHttpServer(OTHER_V4, { tls: testCertificate() })
    using guard = egressGuard()
    const error = await rejectionOf(
      get(`https://other.test:${remote.port}/secure`, { ca: testCertificate().cert }),
    )
    expect(error.code).toBe('ERR_EGRESS_BLOCKED')
    expect(remote.connections).toBe(0)
    expect(guard.report.violations).toMatchObject([
      { host: 'other.test', address: OTHER_V4, verdict: 'blocked' },
    ])
  })

  it('allows https under a URL rule and blocks another path on the same host', async () => {
    const cert = testCertificate()
    await using remote = await startHttpServer(REMOTE_V4, { tls: cert })
    using guard = egressGuard({ allow: [`https://remote.test:${remote.port}/v1/`] })
    const answer = await get(`https://remote.test:${remote.port}/v1/traces`, {
      ca: cert.cert,
      method: 'POST',
    })
    expect(answer.body).toBe('ok POST /v1/traces')
    const error = await rejectionOf(get(`https://remote.test:${remote.port}/v2/traces`, { ca: cert.cert }))
    expect(error.code).toBe('ERR_EGRESS_BLOCKED')
    expect(remote.requests).toEqual(['POST /v1/traces'])
    expect(guard.report.attempts[0]).toMatchObject({
      verdict: 'allowed',
      protocol: 'http',
      method: 'POST',
      url: `https://remote.test:${remote.port}/v1/traces`,
      address: REMOTE_V4,
    })
    expect(guard.report.violations).toMatchObject([
      {
        verdict: 'blocked',
        protocol: 'http',
        method: 'GET',
        url: `https://remote.test:${remote.port}/v2/traces`,
      },
    ])
  })

  it('records https in record mode with the resolved address and the URL', async () => {
    const cert = testCertificate()
    await using remote = await startHttpServer(REMOTE_V4, { tls: cert })
    const { value, report } = await withEgressGuard({ mode: 'record' }, () =>
      get(`https://remote.test:${remote.port}/r`, { ca: cert.cert }),
    )
    expect(value.body).toBe('ok GET /r')
    expect(remote.connections).toBe(1)
    expect(report.violations).toMatchObject([
      {
        verdict: 'recorded',
        host: 'remote.test',
        address: REMOTE_V4,
        url: `https://remote.test:${remote.port}/r`,
        method: 'GET',
      },
    ])
  })
})
