import { once } from 'node:events'
import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import { isHermetic, OTHER_V4, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { EgressBlockedError, egressGuard, withEgressGuard } from '../src/index.js'

/** Connect, read until the peer closes; resolve with the greeting or reject with the socket's error. */
async function connectAndRead(socket: net.Socket): Promise<string> {
  let data = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk) => {
    data += chunk
  })
  await once(socket, 'end')
  socket.destroy()
  return data
}

describe('net.Socket.prototype.connect on loopback', () => {
  it('allows loopback and records it as allowed', async () => {
    await using server = await startCountingServer('127.0.0.1')
    using guard = egressGuard({ mode: 'block' })
    const greeting = await connectAndRead(net.connect(server.port, '127.0.0.1'))
    expect(greeting).toBe('hello\n')
    expect(server.accepted).toBe(1)
    expect(guard.report.attempts).toMatchObject([
      {
        protocol: 'tcp',
        host: '127.0.0.1',
        port: server.port,
        address: '127.0.0.1',
        verdict: 'allowed',
        rule: 'loopback',
      },
    ])
    // Allowed attempts skip the stack capture by default (stacks: 'violations').
    expect(guard.report.attempts[0]).not.toHaveProperty('stack')
  })

  it("gives every attempt the first user stack frame with stacks: 'all'", async () => {
    await using server = await startCountingServer('127.0.0.1')
    using guard = egressGuard({ mode: 'block', stacks: 'all' })
    await connectAndRead(net.connect(server.port, '127.0.0.1'))
    expect(guard.report.attempts[0]?.stack).toMatch(/guard-net\.test\.ts:\d+:\d+$/)
  })

  it('gives a violation the first user stack frame by default', async () => {
    using guard = egressGuard({ mode: 'record', allowLoopback: false })
    await new Promise((resolve) => net.connect(9, '127.0.0.1').on('error', resolve).on('connect', resolve))
    expect(guard.report.violations[0]?.stack).toMatch(/guard-net\.test\.ts:\d+:\d+$/)
    expect(JSON.parse(JSON.stringify(guard.report.toJSON())).violations[0].stack).toMatch(
      /guard-net\.test\.ts/,
    )
  })

  it('blocks loopback when allowLoopback is false, before any connection reaches the server', async () => {
    await using server = await startCountingServer('127.0.0.1')
    using guard = egressGuard({ mode: 'block', allowLoopback: false })
    const socket = net.connect({ port: server.port, host: '127.0.0.1' })
    const [error] = await once(socket, 'error')
    expect(error).toBeInstanceOf(EgressBlockedError)
    expect(error.code).toBe('ERR_EGRESS_BLOCKED')
    expect(error.message).toContain(`127.0.0.1:${server.port}`)
    expect(error.message).toContain(`allow: ["127.0.0.1:${server.port}"]`)
    expect(server.accepted).toBe(0)
    expect(guard.report.violations).toHaveLength(1)
    expect(guard.report.violations[0]).toMatchObject({ verdict: 'blocked', host: '127.0.0.1' })
  })

  it('lets a disallowed connection through in record mode and reports it as a violation', async () => {
    await using server = await startCountingServer('127.0.0.1')
    const { value, report } = await withEgressGuard({ mode: 'record', allowLoopback: false }, () =>
      connectAndRead(new net.Socket().connect(server.port, '127.0.0.1')),
    )
    expect(value).toBe('hello\n')
    expect(server.accepted).toBe(1)
    expect(report.violations).toMatchObject([
      { verdict: 'recorded', address: '127.0.0.1', port: server.port },
    ])
  })

  it('judges localhost by the addresses it resolves to', async () => {
    await using server = await startCountingServer('127.0.0.1')
    using guard = egressGuard()
    await connectAndRead(net.connect({ port: server.port, host: 'localhost', family: 4 }))
    expect(guard.report.attempts).toMatchObject([
      { host: 'localhost', address: '127.0.0.1', verdict: 'allowed' },
    ])
  })
})

describe.runIf(isHermetic)('net.Socket.prototype.connect to fake remotes', () => {
  it('blocks an address no rule covers: the remote server never sees a connection', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    using guard = egressGuard({ mode: 'block' })
    const socket = net.connect(remote.port, REMOTE_V4)
    const [error] = await once(socket, 'error')
    expect(error.code).toBe('ERR_EGRESS_BLOCKED')
    expect(remote.accepted).toBe(0)
    expect(guard.report.violations).toMatchObject([{ address: REMOTE_V4, verdict: 'blocked' }])
  })

  it('allows an address covered by a rule', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    using guard = egressGuard({ mode: 'block', allow: [`${REMOTE_V4}:${remote.port}`] })
    expect(await connectAndRead(net.connect(remote.port, REMOTE_V4))).toBe('hello\n')
    expect(remote.accepted).toBe(1)
    expect(guard.report.attempts).toMatchObject([{ verdict: 'allowed', rule: `${REMOTE_V4}:${remote.port}` }])
  })

  it('blocks a name that resolves outside the allowlist, after DNS, without connecting', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    using _guard = egressGuard({ mode: 'block' })
    const socket = net.connect(remote.port, 'localhost.evil.test')
    const [error] = await once(socket, 'error')
    expect(error.code).toBe('ERR_EGRESS_BLOCKED')
    expect(error.address).toBe(REMOTE_V4)
    expect(remote.accepted).toBe(0)
  })

  it('allows a name rule, whatever address it resolves to', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    using guard = egressGuard({ mode: 'block', allow: ['remote.test'] })
    expect(await connectAndRead(net.connect(remote.port, 'remote.test'))).toBe('hello\n')
    expect(guard.report.attempts).toMatchObject([
      { host: 'remote.test', address: REMOTE_V4, rule: 'remote.test' },
    ])
  })

  it('records, in record mode, the address actually dialled', async () => {
    await using other = await startCountingServer(OTHER_V4)
    const { report } = await withEgressGuard({ mode: 'record' }, () =>
      connectAndRead(net.connect({ port: other.port, host: 'other.test' })),
    )
    expect(other.accepted).toBe(1)
    expect(report.violations).toMatchObject([{ host: 'other.test', address: OTHER_V4, verdict: 'recorded' }])
  })
})
