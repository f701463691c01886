import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import { isHermetic, OTHER_V4, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { egressGuard } from '../src/index.js'

function dial(options: net.NetConnectOpts): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(options)
    socket.on('data', () => {})
    socket.on('connect', () => {
      const peer = socket.remoteAddress
      socket.destroy()
      resolve(`connected ${peer}`)
    })
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)))
  })
}

describe.runIf(isHermetic)('address forms', () => {
  it('treats a decimal IPv4 form as a name and blocks the remote address it resolves to', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    using guard = egressGuard({ mode: 'block' })
    // 3323068426 is 198.18.0.10 written as one number: not an IP for net.isIP, resolved by getaddrinfo.
    expect(await dial({ host: '3323068426', port: remote.port })).toBe('ERR_EGRESS_BLOCKED')
    expect(remote.accepted).toBe(0)
    expect(guard.report.violations).toMatchObject([{ host: '3323068426', address: REMOTE_V4 }])
  })

  it('allows a decimal form of 127.0.0.1 as loopback, by its resolved address', async () => {
    await using local = await startCountingServer('127.0.0.1')
    using guard = egressGuard({ mode: 'block' })
    expect(await dial({ host: '2130706433', port: local.port })).toBe('connected 127.0.0.1')
    expect(guard.report.attempts).toMatchObject([
      { host: '2130706433', address: '127.0.0.1', rule: 'loopback' },
    ])
  })

  it('blocks a hex/short IPv4 form of a remote address', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    using _guard = egressGuard({ mode: 'block' })
    expect(await dial({ host: '0xc6.0x12.0.10', port: remote.port })).toBe('ERR_EGRESS_BLOCKED')
    expect(remote.accepted).toBe(0)
  })

  it('blocks an IPv4-mapped IPv6 literal of a remote, and an IPv4 rule allows it', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    {
      using _guard = egressGuard({ mode: 'block' })
      expect(await dial({ host: `::ffff:${REMOTE_V4}`, port: remote.port })).toBe('ERR_EGRESS_BLOCKED')
      expect(remote.accepted).toBe(0)
    }
    using guard = egressGuard({ mode: 'block', allow: [REMOTE_V4] })
    expect(await dial({ host: `::ffff:${REMOTE_V4}`, port: remote.port })).toMatch(/^connected/)
    expect(remote.accepted).toBe(1)
    expect(guard.report.attempts).toMatchObject([{ verdict: 'allowed', rule: REMOTE_V4 }])
  })

  it('connects a dual-stack name through the one family a rule allows, recording the refused leg', async () => {
    await using v4 = await startCountingServer(OTHER_V4)
    await using v6 = await startCountingServer('2001:db8::11')
    using guard = egressGuard({ mode: 'block', allow: ['[2001:db8::11]'] })
    // dual.test resolves to 198.18.0.11 and 2001:db8::11; the guard drops the refused IPv4 answer,
    // and records it: the code would have reached it where the IPv6 leg was not there.
    const outcome = await dial({ host: 'dual.test', port: v6.port, autoSelectFamily: true })
    expect(outcome).toBe('connected 2001:db8::11')
    expect(v4.accepted).toBe(0)
    expect(guard.report.attempts).toMatchObject([
      { host: 'dual.test', address: OTHER_V4, verdict: 'blocked' },
      { host: 'dual.test', address: '2001:db8::11', verdict: 'allowed' },
    ])
    expect(guard.report.violations).toHaveLength(1)
  })

  it('blocks a dual-stack name when neither family is allowed, reaching neither', async () => {
    await using v4 = await startCountingServer(OTHER_V4)
    using guard = egressGuard({ mode: 'block' })
    expect(await dial({ host: 'dual.test', port: v4.port, autoSelectFamily: true })).toBe(
      'ERR_EGRESS_BLOCKED',
    )
    expect(v4.accepted).toBe(0)
    expect(guard.report.violations).toHaveLength(1)
  })

  it('refuses a name before any DNS query under strictDns', async () => {
    using guard = egressGuard({ mode: 'block', strictDns: true })
    expect(
      await dial({ host: 'remote.test', port: 80, lookup: () => expect.fail('lookup must not run') }),
    ).toBe('ERR_EGRESS_BLOCKED')
    expect(guard.report.violations).toMatchObject([{ host: 'remote.test', port: 80, verdict: 'blocked' }])
    expect(guard.report.violations[0]).not.toHaveProperty('address')
  })

  it('judges addresses returned by a custom lookup function', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    using _guard = egressGuard({ mode: 'block' })
    const lookup = ((_host: string, _opts: unknown, cb: (e: null, a: string, f: number) => void) =>
      cb(null, REMOTE_V4, 4)) as unknown as net.LookupFunction
    expect(await dial({ host: 'innocent.test', port: remote.port, lookup })).toBe('ERR_EGRESS_BLOCKED')
    expect(remote.accepted).toBe(0)
  })
})
