/**
 * Every attempt judged and recorded (ADR 0021): a name no DNS answers is still an attempt, and a
 * request on a pooled connection is judged under the scope in force when it is issued. Counting
 * servers prove what reached the fake remotes; a counting nameserver proves what queries left.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FAKE_DNS_V4 } from '../../../test-support/fake-network.mjs'
import { isHermetic, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { EgressBlockedError, egressGuard, withEgressGuard } from '../src/index.js'
import { startFakeDnsServer } from './fixtures/dns/fake-dns-server.js'
import { startHttpServer } from './fixtures/http/http-servers.js'

/** Not in the namespace's hosts file, and not a record of the fake nameserver: resolves nowhere. */
const UNKNOWN = 'telemetry.vendor.example'

function get(url: string, agent: http.Agent | false = false): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => {
          body += chunk
        })
        res.on('end', () => resolve(body))
      })
      .on('error', reject)
  })
}

function dial(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    socket.on('connect', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
  })
}

/** What each client reports when its attempt to reach `UNKNOWN` fails: the guard's code, or the DNS error's. */
const clients: Record<string, () => Promise<string>> = {
  fetch: () =>
    fetch(`http://${UNKNOWN}/v1/metrics`).then(
      () => 'reached',
      (error: Error) => (error.cause as { code?: string } | undefined)?.code ?? 'error',
    ),
  'http.get': () =>
    get(`http://${UNKNOWN}/v1/metrics`).then(
      () => 'reached',
      (error: NodeJS.ErrnoException) => error.code ?? 'error',
    ),
  'net.connect': () => dial(UNKNOWN, 4318),
}

describe.runIf(isHermetic)('names that do not resolve', () => {
  for (const [client, attempt] of Object.entries(clients)) {
    it(`refuses ${client} to a name no rule covers before any DNS query, and records it`, async () => {
      await using nameserver = await startFakeDnsServer(FAKE_DNS_V4, 53)
      using guard = egressGuard({ mode: 'block' })
      expect(await attempt()).toBe('ERR_EGRESS_BLOCKED')
      expect(nameserver.queries).toEqual([])
      expect(guard.report.violations).toHaveLength(1)
      expect(guard.report.violations[0]).toMatchObject({ host: UNKNOWN, verdict: 'blocked' })
      expect(guard.report.violations[0]?.reason).toContain('the hosts file does not list')
    })

    it(`records ${client} to such a name in record mode, though it never resolves`, async () => {
      await using nameserver = await startFakeDnsServer(FAKE_DNS_V4, 53)
      const { value, report } = await withEgressGuard({ mode: 'record' }, attempt)
      expect(value).toMatch(/^(ENOTFOUND|EAI_AGAIN|error)$/)
      expect(nameserver.queries.length).toBeGreaterThan(0)
      expect(report.violations).toHaveLength(1)
      expect(report.violations[0]).toMatchObject({ host: UNKNOWN, verdict: 'recorded' })
    })
  }

  it("records a name that fails to resolve under dns: 'resolve' as a violation", async () => {
    await using nameserver = await startFakeDnsServer(FAKE_DNS_V4, 53)
    using guard = egressGuard({ mode: 'block', dns: 'resolve' })
    expect(await dial(UNKNOWN, 4318)).toBe('ERR_EGRESS_BLOCKED')
    expect(nameserver.queries.length).toBeGreaterThan(0)
    expect(guard.report.violations).toHaveLength(1)
    expect(guard.report.violations[0]?.reason).toContain('did not resolve')
    expect((guard.report.violations[0] as { cause?: unknown }).cause).toBeUndefined()
  })

  it('fails a host no resolver would query (127.0.0.1:8080) as Node does: ENOTFOUND, no violation', async () => {
    await using nameserver = await startFakeDnsServer(FAKE_DNS_V4, 53)
    using guard = egressGuard({ mode: 'block' })
    expect(await dial('127.0.0.1:8080', 8080)).toBe('ENOTFOUND')
    expect(nameserver.queries).toEqual([])
    expect(guard.report.violations).toEqual([])
  })

  it("passes a caller's own failing lookup through, without a violation: nothing was dialled", async () => {
    using guard = egressGuard({ mode: 'block' })
    const failing: net.LookupFunction = (hostname, _options, callback) =>
      process.nextTick(callback, Object.assign(new Error(`no ${hostname}`), { code: 'EMYLOOKUP' }), '', 4)
    const code = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: UNKNOWN, port: 4318, lookup: failing })
      socket.on('connect', () => resolve('connected'))
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
    })
    expect(code).toBe('EMYLOOKUP')
    expect(guard.report.violations).toEqual([])
  })

  it('names the name and the rule to add in the error', async () => {
    using _guard = egressGuard({ mode: 'block' })
    const error = await get(`http://${UNKNOWN}/`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EgressBlockedError)
    expect((error as Error).message).toContain(`allow: ["${UNKNOWN}:80"]`)
  })
})

describe('requests on a pooled unix-socket connection (the Docker API)', () => {
  it('records each request against the socket path, not the Host header', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egress-unix-'))
    const socketPath = join(dir, 'api.sock')
    const server = http.createServer((req, res) => res.end(`ok ${req.url}`))
    await new Promise<void>((resolve) => server.listen(socketPath, resolve))
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const ask = (path: string) =>
        new Promise<string>((resolve, reject) => {
          http
            .get({ socketPath, path, agent }, (res) => {
              let body = ''
              res.on('data', (chunk) => {
                body += chunk
              })
              res.on('end', () => resolve(body))
            })
            .on('error', reject)
        })
      const { report } = await withEgressGuard({ mode: 'block' }, async () => {
        for (const path of ['/1', '/2', '/3']) expect(await ask(path)).toBe(`ok ${path}`)
      })
      expect(report.attempts.map((a) => [a.protocol, a.path, a.verdict])).toEqual([
        ['unix', socketPath, 'allowed'],
        ['unix', socketPath, 'allowed'],
        ['unix', socketPath, 'allowed'],
      ])
      expect(report.destinations().map((d) => d.destination)).toEqual([`unix:${socketPath}`])
    } finally {
      agent.destroy()
      await new Promise((resolve) => server.close(resolve))
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe.runIf(isHermetic)('pooled connections and narrower scopes', () => {
  it('judges a request on a kept-alive http.Agent connection under the scope it is issued in', async () => {
    await using remote = await startHttpServer(REMOTE_V4, { keepAlive: true })
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const outer = await withEgressGuard({ allow: [`${REMOTE_V4}:${remote.port}`] }, async () => {
        expect(await get(`${remote.origin}/first`, agent)).toBe('ok GET /first')
        return withEgressGuard({ mode: 'block' }, () =>
          get(`${remote.origin}/second`, agent).catch((e: unknown) => e),
        )
      })
      expect(outer.value.value).toBeInstanceOf(EgressBlockedError)
      expect(remote.requests).toEqual(['GET /first'])
      expect(remote.connections).toBe(1)
      expect(outer.value.report.violations).toMatchObject([
        { protocol: 'http', url: `${remote.origin}/second`, address: REMOTE_V4, verdict: 'blocked' },
      ])
    } finally {
      agent.destroy()
    }
  })

  it('records such a request in record mode and lets it through on the pooled connection', async () => {
    await using remote = await startHttpServer(REMOTE_V4, { keepAlive: true })
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      await withEgressGuard({ allow: [`${REMOTE_V4}:${remote.port}`] }, () =>
        get(`${remote.origin}/a`, agent),
      )
      const { report } = await withEgressGuard({ mode: 'record' }, () => get(`${remote.origin}/b`, agent))
      expect(remote.requests).toEqual(['GET /a', 'GET /b'])
      expect(remote.connections).toBe(1)
      expect(report.attempts).toMatchObject([{ url: `${remote.origin}/b`, verdict: 'recorded' }])
    } finally {
      agent.destroy()
    }
  })

  it('judges a fetch on a pooled undici connection under the scope it is issued in', async () => {
    await using remote = await startHttpServer(REMOTE_V4, { keepAlive: true })
    const outer = await withEgressGuard({ allow: [`${REMOTE_V4}:${remote.port}`] }, async () => {
      expect(await (await fetch(`${remote.origin}/first`)).text()).toBe('ok GET /first')
      return withEgressGuard({ mode: 'block' }, () =>
        fetch(`${remote.origin}/second`).then(
          () => 'reached',
          (error: Error) => (error.cause as { code?: string }).code,
        ),
      )
    })
    expect(outer.value.value).toBe('ERR_EGRESS_BLOCKED')
    expect(remote.requests).toEqual(['GET /first'])
    expect(remote.connections).toBe(1)
    expect(outer.value.report.violations).toMatchObject([
      { protocol: 'http', url: `${remote.origin}/second`, verdict: 'blocked' },
    ])
  })

  it('records one attempt per request on a pooled connection, each with its URL', async () => {
    await using remote = await startHttpServer(REMOTE_V4, { keepAlive: true })
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const { report } = await withEgressGuard({ allow: [`${REMOTE_V4}:${remote.port}`] }, async () => {
        for (const path of ['/1', '/2', '/3']) await get(`${remote.origin}${path}`, agent)
      })
      expect(remote.connections).toBe(1)
      expect(report.attempts.map((a) => [a.url, a.verdict])).toEqual([
        [`${remote.origin}/1`, 'allowed'],
        [`${remote.origin}/2`, 'allowed'],
        [`${remote.origin}/3`, 'allowed'],
      ])
    } finally {
      agent.destroy()
    }
  })
})
