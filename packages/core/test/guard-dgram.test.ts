import dgram from 'node:dgram'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { isHermetic, OTHER_V4, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { EgressBlockedError, egressGuard, withEgressGuard } from '../src/index.js'

interface CountingUdpServer extends AsyncDisposable {
  readonly port: number
  /** Datagrams received so far, as text. */
  readonly received: string[]
}

/** A UDP server on `host` that counts the datagrams it receives. */
async function startCountingUdpServer(host: string): Promise<CountingUdpServer> {
  const received: string[] = []
  const socket = dgram.createSocket('udp4')
  socket.on('message', (message) => received.push(message.toString()))
  socket.bind(0, host)
  await once(socket, 'listening')
  return {
    port: socket.address().port,
    received,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  }
}

/** Wait until `server` has `count` datagrams (they travel over loopback: quick) or give up. */
async function receivedCount(server: CountingUdpServer, count: number): Promise<number> {
  for (let i = 0; i < 50 && server.received.length < count; i++) await new Promise((r) => setTimeout(r, 10))
  return server.received.length
}

/** Send one datagram and resolve with the send callback's error; note whether it ran synchronously. */
function send(socket: dgram.Socket, message: string, port: number, host?: string) {
  return new Promise<{ error: Error | null; sync: boolean }>((resolve) => {
    let returned = false
    const done = (error: Error | null) => resolve({ error, sync: !returned })
    if (host === undefined) socket.send(message, port, done)
    else socket.send(message, port, host, done)
    returned = true
  })
}

/** A probe sent to a second server after the one under test, so "0 received" is not a race. */
async function sendProbeAfter(server: CountingUdpServer, socket: dgram.Socket, host: string): Promise<void> {
  await send(socket, 'probe', server.port, host)
  await receivedCount(server, 1)
}

describe('dgram on loopback', () => {
  it('allows a datagram to loopback and records one udp attempt', async () => {
    await using server = await startCountingUdpServer('127.0.0.1')
    await using socket = dgram.createSocket('udp4')
    using guard = egressGuard()
    expect(await send(socket, 'one', server.port, '127.0.0.1')).toEqual({ error: null, sync: false })
    await send(socket, 'two', server.port)
    expect(await receivedCount(server, 2)).toBe(2)
    expect(guard.report.attempts).toMatchObject([
      {
        protocol: 'udp',
        host: '127.0.0.1',
        port: server.port,
        address: '127.0.0.1',
        verdict: 'allowed',
        rule: 'loopback',
      },
    ])
    expect(guard.report.attempts[0]?.stack).toContain('guard-dgram.test.ts')
  })

  it('blocks loopback with allowLoopback false: the callback gets the error, nothing is received', async () => {
    await using server = await startCountingUdpServer('127.0.0.1')
    await using socket = dgram.createSocket('udp4')
    using guard = egressGuard({ allowLoopback: false, allow: ['127.0.0.2'] })
    const result = await send(socket, 'blocked', server.port, 'localhost')
    expect(result.sync).toBe(false)
    expect(result.error).toBeInstanceOf(EgressBlockedError)
    expect(guard.report.violations).toMatchObject([
      { protocol: 'udp', host: 'localhost', address: '127.0.0.1', verdict: 'blocked' },
    ])
    await using probe = await startCountingUdpServer('127.0.0.2')
    await sendProbeAfter(probe, socket, '127.0.0.2')
    expect(server.received).toEqual([])
  })
})

describe.runIf(isHermetic)('dgram to fake remotes', () => {
  it('blocks a send to an address no rule covers: the callback fails and no datagram arrives', async () => {
    await using remote = await startCountingUdpServer(REMOTE_V4)
    await using other = await startCountingUdpServer(OTHER_V4)
    await using socket = dgram.createSocket('udp4')
    using guard = egressGuard({ allow: [OTHER_V4] })
    const result = await send(socket, 'secret', remote.port, REMOTE_V4)
    expect(result.error).toMatchObject({
      code: 'ERR_EGRESS_BLOCKED',
      address: REMOTE_V4,
      port: remote.port,
      protocol: 'udp',
    })
    expect(result.error?.message).toContain(`allow: ["${REMOTE_V4}:${remote.port}"]`)
    await sendProbeAfter(other, socket, OTHER_V4)
    expect(remote.received).toEqual([])
    expect(guard.report.violations).toMatchObject([
      { protocol: 'udp', address: REMOTE_V4, verdict: 'blocked' },
    ])
  })

  it("emits 'error' asynchronously when a blocked send has no callback", async () => {
    await using remote = await startCountingUdpServer(REMOTE_V4)
    await using socket = dgram.createSocket('udp4')
    using guard = egressGuard()
    let returned = false
    const errored = once(socket, 'error').then(([error]) => ({ error, sync: !returned }))
    socket.send('secret', remote.port, REMOTE_V4)
    returned = true
    const { error, sync } = await errored
    expect(sync).toBe(false)
    expect(error).toBeInstanceOf(EgressBlockedError)
    expect(guard.report.violations).toHaveLength(1)
    expect(remote.received).toEqual([])
  })

  it('allows a send covered by a rule: every datagram arrives, one attempt is recorded', async () => {
    await using remote = await startCountingUdpServer(REMOTE_V4)
    await using socket = dgram.createSocket('udp4')
    using guard = egressGuard({ allow: [`${REMOTE_V4}:${remote.port}`] })
    for (const message of ['a', 'b', 'c'])
      expect((await send(socket, message, remote.port, REMOTE_V4)).error).toBeNull()
    expect(await receivedCount(remote, 3)).toBe(3)
    expect(guard.report.attempts).toMatchObject([{ verdict: 'allowed', rule: `${REMOTE_V4}:${remote.port}` }])
  })

  it('lets a disallowed datagram through in record mode and reports it', async () => {
    await using remote = await startCountingUdpServer(REMOTE_V4)
    await using socket = dgram.createSocket('udp4')
    const { report } = await withEgressGuard({ mode: 'record' }, () =>
      send(socket, 'recorded', remote.port, REMOTE_V4),
    )
    expect(await receivedCount(remote, 1)).toBe(1)
    expect(report.violations).toMatchObject([
      { protocol: 'udp', address: REMOTE_V4, port: remote.port, verdict: 'recorded' },
    ])
  })

  it('judges a name by the address it resolves to, and sends to that address', async () => {
    await using remote = await startCountingUdpServer(REMOTE_V4)
    await using other = await startCountingUdpServer(OTHER_V4)
    await using socket = dgram.createSocket('udp4')
    using guard = egressGuard({ allow: ['remote.test', OTHER_V4] })
    expect((await send(socket, 'by name', remote.port, 'remote.test')).error).toBeNull()
    const evil = await send(socket, 'evil', remote.port, 'localhost.evil.test')
    expect(evil.error).toMatchObject({
      code: 'ERR_EGRESS_BLOCKED',
      host: 'localhost.evil.test',
      address: REMOTE_V4,
    })
    await sendProbeAfter(other, socket, OTHER_V4)
    expect(remote.received).toEqual(['by name'])
    expect(guard.report.attempts).toMatchObject([
      { protocol: 'udp', host: 'remote.test', address: REMOTE_V4, verdict: 'allowed', rule: 'remote.test' },
      { protocol: 'udp', host: 'localhost.evil.test', address: REMOTE_V4, verdict: 'blocked' },
      { protocol: 'udp', host: OTHER_V4, verdict: 'allowed' },
    ])
  })

  it('refuses a name under strictDns before resolving it', async () => {
    await using remote = await startCountingUdpServer(REMOTE_V4)
    await using socket = dgram.createSocket('udp4')
    using guard = egressGuard({ strictDns: true, allow: [REMOTE_V4] })
    const result = await send(socket, 'x', remote.port, 'remote.test')
    expect(result.error).toMatchObject({
      code: 'ERR_EGRESS_BLOCKED',
      host: 'remote.test',
      address: undefined,
    })
    expect(guard.report.attempts).toMatchObject([
      { protocol: 'udp', host: 'remote.test', verdict: 'blocked' },
    ])
    expect(guard.report.attempts[0]).not.toHaveProperty('address')
  })

  it('judges connect: a blocked connect fails its callback and leaves the socket unconnected', async () => {
    await using remote = await startCountingUdpServer(REMOTE_V4)
    await using socket = dgram.createSocket('udp4')
    using guard = egressGuard()
    const [error] = await new Promise<unknown[]>((resolve) =>
      socket.connect(remote.port, REMOTE_V4, (...args: unknown[]) => resolve(args)),
    )
    expect(error).toBeInstanceOf(EgressBlockedError)
    expect(() => socket.remoteAddress()).toThrow(/not connected/i)
    expect(guard.report.violations).toMatchObject([
      { protocol: 'udp', address: REMOTE_V4, port: remote.port },
    ])
  })

  it('allows connect then send to the connected peer when a rule covers it', async () => {
    await using remote = await startCountingUdpServer(REMOTE_V4)
    await using socket = dgram.createSocket('udp4')
    using guard = egressGuard({ allow: ['remote.test'] })
    socket.connect(remote.port, 'remote.test')
    await once(socket, 'connect')
    expect(socket.remoteAddress()).toMatchObject({ address: REMOTE_V4, port: remote.port })
    await new Promise((resolve) => socket.send('connected 1', resolve))
    await new Promise((resolve) => socket.send('connected 2', resolve))
    expect(await receivedCount(remote, 2)).toBe(2)
    expect(guard.report.attempts).toMatchObject([
      { host: 'remote.test', address: REMOTE_V4, verdict: 'allowed', rule: 'remote.test' },
    ])
  })

  it('judges sends on a socket connected before the guard began', async () => {
    await using remote = await startCountingUdpServer(REMOTE_V4)
    await using socket = dgram.createSocket('udp4')
    socket.connect(remote.port, REMOTE_V4)
    await once(socket, 'connect')
    using guard = egressGuard()
    const error = await new Promise((resolve) => socket.send('after guard', resolve))
    expect(error).toBeInstanceOf(EgressBlockedError)
    expect(guard.report.violations).toMatchObject([
      { protocol: 'udp', address: REMOTE_V4, port: remote.port },
    ])
    expect(remote.received).toEqual([])
  })

  it.runIf(typeof (dgram.Socket.prototype as { connectSync?: unknown }).connectSync === 'function')(
    'makes connectSync throw for a blocked address',
    async () => {
      await using remote = await startCountingUdpServer(REMOTE_V4)
      await using socket = dgram.createSocket('udp4')
      using guard = egressGuard()
      const connectSync = (socket as unknown as { connectSync(port: number, address: string): void })
        .connectSync
      expect(() => connectSync.call(socket, remote.port, REMOTE_V4)).toThrow(EgressBlockedError)
      expect(guard.report.violations).toHaveLength(1)
    },
  )
})
