import dns from 'node:dns'
import net from 'node:net'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { FAKE_DNS_V4 } from '../../../test-support/fake-network.mjs'
import { isHermetic, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { EgressBlockedError, egressGuard, withEgressGuard } from '../src/index.js'
import { startFakeDnsServer } from './fixtures/dns/fake-dns-server.js'

type LookupResult = { error: NodeJS.ErrnoException | null; address?: string; family?: number; sync: boolean }

/** Call dns.lookup and note whether its callback ran before the call returned (it must not). */
function lookup(name: string, options: dns.LookupOptions = {}): Promise<LookupResult> {
  return new Promise((resolve) => {
    let returned = false
    dns.lookup(name, options, (error, address, family) => {
      resolve({ error, address: address as string, family, sync: !returned })
    })
    returned = true
  })
}

describe('dns.lookup on loopback names', () => {
  it('records a lookup of localhost as an allowed dns attempt without a port', async () => {
    using guard = egressGuard()
    const result = await lookup('localhost', { family: 4 })
    expect(result).toMatchObject({ error: null, address: '127.0.0.1' })
    expect(guard.report.attempts).toMatchObject([
      { protocol: 'dns', host: 'localhost', verdict: 'allowed', rule: 'loopback' },
    ])
    expect(guard.report.attempts[0]).not.toHaveProperty('port')
    expect(guard.report.attempts[0]?.stack).toContain('guard-dns-lookup.test.ts')
  })

  it('does not record address literals, which Node answers without a resolver', async () => {
    using guard = egressGuard({ strictDns: true })
    expect(await lookup('203.0.113.7')).toMatchObject({ error: null, address: '203.0.113.7' })
    expect(guard.report.attempts).toEqual([])
  })

  it('keeps util.promisify(dns.lookup) resolving with { address, family }', async () => {
    using guard = egressGuard()
    await expect(promisify(dns.lookup)('localhost', { family: 4 })).resolves.toEqual({
      address: '127.0.0.1',
      family: 4,
    })
    expect(guard.report.attempts).toHaveLength(1)
  })

  it('does not record the lookups the socket layer makes for a connection', async () => {
    const server = net.createServer((socket) => socket.end())
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as net.AddressInfo
    try {
      using guard = egressGuard()
      const socket = net.connect({ port, host: 'localhost', family: 4 })
      await new Promise((resolve) => socket.on('close', resolve).resume())
      expect(guard.report.attempts.map((a) => a.protocol)).toEqual(['tcp'])
    } finally {
      server.close()
    }
  })
})

describe.runIf(isHermetic)(
  'dns.lookup of names no rule covers (fake DNS server on the namespace resolver)',
  () => {
    it('refuses by default a name no rule covers and the hosts file does not list: no query leaves', async () => {
      await using server = await startFakeDnsServer(FAKE_DNS_V4, 53)
      using guard = egressGuard()
      const result = await lookup('dns-only.test', { family: 4 })
      expect(result.sync).toBe(false)
      expect(result.error).toBeInstanceOf(EgressBlockedError)
      expect(result.error?.message).toContain('the hosts file does not list dns-only.test')
      expect(result.error?.message).toContain('allow: ["dns-only.test"]')
      expect(server.queries).toEqual([])
      expect(guard.report.violations).toMatchObject([
        { protocol: 'dns', host: 'dns-only.test', verdict: 'blocked' },
      ])
    })

    it('records such a name in record mode before the query, then lets the query through', async () => {
      await using server = await startFakeDnsServer(FAKE_DNS_V4, 53)
      const { value, report } = await withEgressGuard({ mode: 'record' }, () =>
        lookup('dns-only.test', { family: 4 }),
      )
      expect(value).toMatchObject({ error: null, address: '198.18.0.12' })
      expect(server.queries).toContain('dns-only.test/A')
      expect(report.violations).toMatchObject([
        { protocol: 'dns', host: 'dns-only.test', verdict: 'recorded' },
      ])
    })

    it('answers a name the hosts file lists from the hosts file alone: no query leaves', async () => {
      await using server = await startFakeDnsServer(FAKE_DNS_V4, 53)
      using guard = egressGuard()
      expect(await lookup('remote.test', { family: 4 })).toMatchObject({ error: null, address: REMOTE_V4 })
      expect(await lookup('remote.test', { all: true })).toMatchObject({
        error: null,
        address: [{ address: REMOTE_V4, family: 4 }],
      })
      expect(server.queries).toEqual([])
      expect(guard.report.violations).toEqual([])
      expect(guard.report.attempts).toMatchObject([
        { protocol: 'dns', host: 'remote.test', verdict: 'allowed' },
        { protocol: 'dns', host: 'remote.test', verdict: 'allowed' },
      ])
    })

    it("looks up a name no rule covers under dns: 'resolve': getaddrinfo asks the system resolver", async () => {
      await using server = await startFakeDnsServer(FAKE_DNS_V4, 53)
      using guard = egressGuard({ dns: 'resolve' })
      expect(await lookup('dns-only.test', { family: 4 })).toMatchObject({
        error: null,
        address: '198.18.0.12',
      })
      expect(server.queries).toContain('dns-only.test/A')
      expect(guard.report.attempts).toMatchObject([
        { protocol: 'dns', host: 'dns-only.test', verdict: 'allowed' },
      ])
    })

    it('refuses a name no rule covers under strictDns, asynchronously, before any query leaves', async () => {
      await using server = await startFakeDnsServer(FAKE_DNS_V4, 53)
      using guard = egressGuard({ strictDns: true })
      const result = await lookup('dns-only.test')
      expect(result.sync).toBe(false)
      expect(result.error).toBeInstanceOf(EgressBlockedError)
      expect(result.error?.message).toContain('allow: ["dns-only.test"]')
      expect(server.queries).toEqual([])
      expect(guard.report.violations).toMatchObject([
        { protocol: 'dns', host: 'dns-only.test', verdict: 'blocked' },
      ])
    })

    it('admits a lookup under strictDns when a rule covers the name on any port', async () => {
      using guard = egressGuard({ strictDns: true, allow: ['remote.test:8443'] })
      expect(await lookup('remote.test', { family: 4 })).toMatchObject({ error: null, address: REMOTE_V4 })
      expect(guard.report.attempts).toMatchObject([
        { host: 'remote.test', verdict: 'allowed', rule: 'remote.test:8443' },
      ])
    })

    it('lets a refused lookup through in record mode and reports it', async () => {
      await using server = await startFakeDnsServer(FAKE_DNS_V4, 53)
      const { value, report } = await withEgressGuard({ mode: 'record', strictDns: true }, () =>
        lookup('dns-only.test', { family: 4 }),
      )
      expect(value).toMatchObject({ error: null, address: '198.18.0.12' })
      expect(server.queries).toContain('dns-only.test/A')
      expect(report.violations).toMatchObject([
        { protocol: 'dns', host: 'dns-only.test', verdict: 'recorded' },
      ])
    })

    it('judges dns.promises.lookup the same way: rejects under strictDns, resolves otherwise', async () => {
      await using server = await startFakeDnsServer(FAKE_DNS_V4, 53)
      {
        using guard = egressGuard({ strictDns: true })
        await expect(dns.promises.lookup('dns-only.test')).rejects.toMatchObject({
          code: 'ERR_EGRESS_BLOCKED',
          host: 'dns-only.test',
        })
        expect(guard.report.violations).toHaveLength(1)
      }
      expect(server.queries).toEqual([])
      using guard = egressGuard()
      await expect(dns.promises.lookup('remote.test', { family: 4 })).resolves.toEqual({
        address: REMOTE_V4,
        family: 4,
      })
      expect(guard.report.attempts).toMatchObject([
        { protocol: 'dns', host: 'remote.test', verdict: 'allowed' },
      ])
    })

    it('records dns.lookupService with the address and port, and refuses it under strictDns', async () => {
      {
        using guard = egressGuard()
        const { hostname } = await dns.promises.lookupService('127.0.0.1', 22)
        expect(hostname).toBe('localhost')
        expect(guard.report.attempts).toMatchObject([
          { protocol: 'dns', host: '127.0.0.1', port: 22, verdict: 'allowed' },
        ])
      }
      using guard = egressGuard({ strictDns: true })
      const error = await new Promise((resolve) => dns.lookupService(REMOTE_V4, 22, resolve))
      expect(error).toBeInstanceOf(EgressBlockedError)
      expect(guard.report.violations).toMatchObject([{ host: REMOTE_V4, port: 22, verdict: 'blocked' }])
    })
  },
)
