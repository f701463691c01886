import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import WebSocketClient from 'ws'
import { isHermetic, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { egressGuard } from '../src/index.js'
import { startHttpServer } from './fixtures/http/http-servers.js'

/** Open a global WebSocket, send one message, resolve with the echo; reject with the error event's cause. */
function echoOverWebSocket(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url)
    socket.addEventListener('open', () => socket.send('ping'))
    socket.addEventListener('message', (event) => {
      resolve(String(event.data))
      socket.close()
    })
    socket.addEventListener('error', (event) =>
      reject((event as { error?: unknown }).error ?? new Error('websocket error')),
    )
  })
}

async function echoOverWs(url: string): Promise<string> {
  const socket = new WebSocketClient(url)
  const failed = once(socket, 'error').then(([error]) => Promise.reject(error))
  await Promise.race([once(socket, 'open'), failed])
  socket.send('ping')
  const [data] = await Promise.race([once(socket, 'message'), failed])
  socket.close()
  return String(data)
}

describe.runIf(isHermetic)('WebSocket (global) to fake remotes', () => {
  it('blocks a WebSocket to an address no rule covers: no connection, no upgrade', async () => {
    await using remote = await startHttpServer(REMOTE_V4, { websocket: true })
    using guard = egressGuard()
    const error = await echoOverWebSocket(`ws://${REMOTE_V4}:${remote.port}/chat`).catch((e: unknown) => e)
    // The error event's error says why: the guard's error is its cause, and its code (ADR 0021).
    expect(error).toMatchObject({ code: 'ERR_EGRESS_BLOCKED', cause: { code: 'ERR_EGRESS_BLOCKED' } })
    expect((error as Error).message).toContain('egress-guard blocked')
    expect((error as Error).message).toContain(`allow: ["${REMOTE_V4}:${remote.port}"]`)
    expect(remote.connections).toBe(0)
    expect(remote.upgrades).toBe(0)
    expect(guard.report.violations).toMatchObject([
      { protocol: 'http', verdict: 'blocked', method: 'GET', url: `http://${REMOTE_V4}:${remote.port}/chat` },
    ])
  })

  it('allows a WebSocket covered by a rule, with method and URL on its connection', async () => {
    await using remote = await startHttpServer(REMOTE_V4, { websocket: true })
    using guard = egressGuard({ allow: [`remote.test:${remote.port}`] })
    expect(await echoOverWebSocket(`ws://remote.test:${remote.port}/chat`)).toBe('echo ping')
    expect(remote.upgrades).toBe(1)
    expect(guard.report.attempts).toMatchObject([
      {
        verdict: 'allowed',
        address: REMOTE_V4,
        method: 'GET',
        url: `http://remote.test:${remote.port}/chat`,
      },
    ])
  })
})

describe.runIf(isHermetic)('ws (npm) to fake remotes', () => {
  it('blocks a ws connection to a name resolving outside the allowlist', async () => {
    await using remote = await startHttpServer(REMOTE_V4, { websocket: true })
    using guard = egressGuard()
    const error = await echoOverWs(`ws://remote.test:${remote.port}/feed`).catch((e: unknown) => e)
    expect((error as { code?: string }).code).toBe('ERR_EGRESS_BLOCKED')
    expect(remote.connections).toBe(0)
    expect(guard.report.violations).toMatchObject([
      {
        host: 'remote.test',
        address: REMOTE_V4,
        verdict: 'blocked',
        method: 'GET',
        url: `http://remote.test:${remote.port}/feed`,
      },
    ])
  })

  it('allows a ws connection covered by a rule', async () => {
    await using remote = await startHttpServer(REMOTE_V4, { websocket: true })
    using guard = egressGuard({ allow: [`${REMOTE_V4}:${remote.port}`] })
    expect(await echoOverWs(`ws://${REMOTE_V4}:${remote.port}/feed`)).toBe('echo ping')
    expect(guard.report.attempts).toMatchObject([
      {
        verdict: 'allowed',
        address: REMOTE_V4,
        protocol: 'http',
        url: `http://${REMOTE_V4}:${remote.port}/feed`,
      },
    ])
  })
})
