import dns from 'node:dns'
import { describe, expect, it } from 'vitest'
import { FAKE_DNS_V4 } from '../../../test-support/fake-network.mjs'
import { isHermetic, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { EgressBlockedError, egressGuard, withEgressGuard } from '../src/index.js'
import { startFakeDnsServer } from './fixtures/dns/fake-dns-server.js'

const NAMESERVER_RULE = `${FAKE_DNS_V4}:53`

/** Call a callback-style query; note whether the callback ran before the call returned (it must not). */
function query<T>(run: (callback: (error: Error | null, value?: T) => void) => void) {
  return new Promise<{ error: Error | null; value: T | undefined; sync: boolean }>((resolve) => {
    let returned = false
    run((error, value) => resolve({ error, value, sync: !returned }))
    returned = true
  })
}

describe('a dns.Resolver pointed at a loopback nameserver', () => {
  it('is allowed without rules: the nameserver is loopback; the query is recorded', async () => {
    await using server = await startFakeDnsServer('127.0.0.1')
    const resolver = new dns.Resolver({ timeout: 1000, tries: 1 })
    resolver.setServers([`127.0.0.1:${server.port}`])
    using guard = egressGuard({ dns: 'resolve' })
    const result = await query<string[]>((cb) => resolver.resolve4('remote.test', cb))
    expect(result).toMatchObject({ error: null, value: [REMOTE_V4] })
    expect(server.queries).toEqual(['remote.test/A'])
    expect(guard.report.attempts).toMatchObject([
      {
        protocol: 'dns',
        host: '127.0.0.1',
        port: server.port,
        address: '127.0.0.1',
        url: `dns://127.0.0.1:${server.port}/remote.test?type=A`,
        verdict: 'allowed',
        rule: 'loopback',
      },
    ])
    expect(guard.report.attempts[0]?.stack).toContain('guard-dns-resolver.test.ts')
  })

  it('refuses under strictDns a name no rule covers, before the query leaves', async () => {
    await using server = await startFakeDnsServer('127.0.0.1')
    const resolver = new dns.promises.Resolver()
    resolver.setServers([`127.0.0.1:${server.port}`])
    using guard = egressGuard({ strictDns: true })
    await expect(resolver.resolve6('remote6.test')).rejects.toMatchObject({
      code: 'ERR_EGRESS_BLOCKED',
      host: 'remote6.test',
    })
    expect(server.queries).toEqual([])
    expect(guard.report.violations).toMatchObject([
      { protocol: 'dns', host: 'remote6.test', verdict: 'blocked' },
    ])
  })
})

describe.runIf(isHermetic)('resolver queries to the namespace nameserver (198.18.0.53)', () => {
  it('blocks dns.resolve4 when the nameserver is not allowed: no query reaches it', async () => {
    await using server = await startFakeDnsServer(FAKE_DNS_V4, 53)
    using guard = egressGuard({ dns: 'resolve' })
    const result = await query<string[]>((cb) => dns.resolve4('remote.test', cb))
    expect(result.sync).toBe(false)
    expect(result.error).toBeInstanceOf(EgressBlockedError)
    expect(result.error?.message).toContain(`dns connection to ${NAMESERVER_RULE}`)
    expect(result.error?.message).toContain(`allow: ["${NAMESERVER_RULE}"]`)
    expect(server.queries).toEqual([])
    expect(guard.report.violations).toMatchObject([
      {
        protocol: 'dns',
        host: FAKE_DNS_V4,
        port: 53,
        url: `dns://${NAMESERVER_RULE}/remote.test?type=A`,
        verdict: 'blocked',
      },
    ])
  })

  it('answers dns.resolve4 and dns.resolve6 correctly when a rule allows the nameserver', async () => {
    await using server = await startFakeDnsServer(FAKE_DNS_V4, 53)
    using guard = egressGuard({ dns: 'resolve', allow: [NAMESERVER_RULE] })
    expect(await query((cb) => dns.resolve4('dual.test', cb))).toMatchObject({
      error: null,
      value: ['198.18.0.11'],
    })
    expect(await query((cb) => dns.resolve6('dual.test', cb))).toMatchObject({
      error: null,
      value: ['2001:db8::11'],
    })
    expect(server.queries).toEqual(['dual.test/A', 'dual.test/AAAA'])
    expect(guard.report.attempts).toMatchObject([
      {
        host: FAKE_DNS_V4,
        port: 53,
        verdict: 'allowed',
        rule: NAMESERVER_RULE,
        url: `dns://${NAMESERVER_RULE}/dual.test?type=A`,
      },
      {
        host: FAKE_DNS_V4,
        port: 53,
        verdict: 'allowed',
        rule: NAMESERVER_RULE,
        url: `dns://${NAMESERVER_RULE}/dual.test?type=AAAA`,
      },
    ])
  })

  it('judges dns.resolve(name, rrtype) and dns.promises.resolve4 the same way', async () => {
    await using server = await startFakeDnsServer(FAKE_DNS_V4, 53)
    {
      using guard = egressGuard({ dns: 'resolve' })
      await expect(dns.promises.resolve4('remote.test')).rejects.toBeInstanceOf(EgressBlockedError)
      const viaResolve = await query((cb) => dns.resolve('remote6.test', 'AAAA', cb))
      expect(viaResolve.error).toBeInstanceOf(EgressBlockedError)
      expect(guard.report.violations.map((a) => a.url)).toEqual([
        `dns://${NAMESERVER_RULE}/remote.test?type=A`,
        `dns://${NAMESERVER_RULE}/remote6.test?type=AAAA`,
      ])
    }
    expect(server.queries).toEqual([])
    using guard = egressGuard({ dns: 'resolve', allow: [NAMESERVER_RULE] })
    await expect(dns.promises.resolve4('remote.test')).resolves.toEqual([REMOTE_V4])
    expect(guard.report.attempts).toMatchObject([{ verdict: 'allowed' }])
  })

  it('judges a new dns.Resolver by the servers set on it', async () => {
    await using server = await startFakeDnsServer(FAKE_DNS_V4, 53)
    const resolver = new dns.Resolver({ timeout: 1000, tries: 1 })
    resolver.setServers([FAKE_DNS_V4])
    {
      using guard = egressGuard({ dns: 'resolve', allow: ['127.0.0.0/8'] })
      const blocked = await query((cb) => resolver.resolve4('remote.test', cb))
      expect(blocked.error).toMatchObject({ code: 'ERR_EGRESS_BLOCKED', address: FAKE_DNS_V4, port: 53 })
      expect(guard.report.violations).toHaveLength(1)
    }
    expect(server.queries).toEqual([])
    using guard = egressGuard({ dns: 'resolve', allow: [`${FAKE_DNS_V4}/32:53`] })
    expect(await query((cb) => resolver.resolve4('remote.test', cb))).toMatchObject({
      error: null,
      value: [REMOTE_V4],
    })
    expect(server.queries).toEqual(['remote.test/A'])
    expect(guard.report.attempts).toMatchObject([{ verdict: 'allowed', rule: `${FAKE_DNS_V4}/32:53` }])
  })

  it('needs every nameserver allowed, since c-ares may use any of them', async () => {
    await using server = await startFakeDnsServer(FAKE_DNS_V4, 53)
    const resolver = new dns.promises.Resolver()
    resolver.setServers(['127.0.0.1:9', FAKE_DNS_V4])
    using guard = egressGuard({ dns: 'resolve' })
    await expect(resolver.resolve4('remote.test')).rejects.toMatchObject({
      code: 'ERR_EGRESS_BLOCKED',
      address: FAKE_DNS_V4,
    })
    expect(guard.report.violations).toMatchObject([{ host: FAKE_DNS_V4, port: 53, verdict: 'blocked' }])
    expect(server.queries).toEqual([])
  })

  it('lets queries through in record mode and reports the nameserver as a violation', async () => {
    await using server = await startFakeDnsServer(FAKE_DNS_V4, 53)
    const { value, report } = await withEgressGuard({ mode: 'record', dns: 'resolve' }, () =>
      dns.promises.resolve4('other.test'),
    )
    expect(value).toEqual(['198.18.0.11'])
    expect(server.queries).toEqual(['other.test/A'])
    expect(report.violations).toMatchObject([
      { protocol: 'dns', host: FAKE_DNS_V4, port: 53, verdict: 'recorded' },
    ])
  })

  it('admits under strictDns a name covered by a rule, with the nameserver allowed', async () => {
    await using server = await startFakeDnsServer(FAKE_DNS_V4, 53)
    using guard = egressGuard({ strictDns: true, allow: [NAMESERVER_RULE, '*.test:443'] })
    await expect(dns.promises.resolve4('remote.test')).resolves.toEqual([REMOTE_V4])
    const refused = await query((cb) => dns.resolveAny('example.invalid', cb))
    expect(refused.error).toMatchObject({ code: 'ERR_EGRESS_BLOCKED', host: 'example.invalid' })
    expect(server.queries).toEqual(['remote.test/A'])
    expect(guard.report.attempts.map((a) => a.verdict)).toEqual(['allowed', 'blocked'])
  })
})
