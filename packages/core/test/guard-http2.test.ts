import { once } from 'node:events'
import http2 from 'node:http2'
import type net from 'node:net'
import { describe, expect, it } from 'vitest'
import { isHermetic, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { egressGuard } from '../src/index.js'

/** A cleartext HTTP/2 server on `host` that counts sessions and answers `h2 /path`. */
async function startHttp2Server(host: string) {
  let sessions = 0
  const server = http2.createServer()
  server.on('session', () => sessions++)
  server.on('stream', (stream, headers) => {
    stream.respond({ ':status': 200 })
    stream.end(`h2 ${headers[':path']}`)
  })
  server.listen(0, host)
  await once(server, 'listening')
  const { port } = server.address() as net.AddressInfo
  return {
    port,
    get sessions() {
      return sessions
    },
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function h2get(origin: string, path: string): Promise<string> {
  const session = http2.connect(origin)
  try {
    const failed = once(session, 'error').then(([error]) => Promise.reject(error))
    const stream = session.request({ ':path': path })
    stream.setEncoding('utf8')
    let body = ''
    stream.on('data', (chunk) => {
      body += chunk
    })
    await Promise.race([once(stream, 'end'), failed])
    return body
  } finally {
    session.destroy()
  }
}

describe.runIf(isHermetic)('http2.connect to fake remotes', () => {
  it('blocks a session to an address no rule covers: the server sees none', async () => {
    await using remote = await startHttp2Server(REMOTE_V4)
    using guard = egressGuard()
    const error = await h2get(`http://${REMOTE_V4}:${remote.port}`, '/x').catch((e: unknown) => e)
    // The session's socket is refused where it would dial (ADR 0021); http2 cancels the pending
    // stream with the session's error as its cause, and names it in the message.
    expect(error).toMatchObject({ code: 'ERR_HTTP2_STREAM_CANCEL', cause: { code: 'ERR_EGRESS_BLOCKED' } })
    expect((error as Error).message).toContain('egress-guard blocked')
    expect(remote.sessions).toBe(0)
    expect(guard.report.violations).toMatchObject([
      { address: REMOTE_V4, port: remote.port, verdict: 'blocked' },
    ])
  })

  it('allows a session covered by a rule', async () => {
    await using remote = await startHttp2Server(REMOTE_V4)
    using guard = egressGuard({ allow: ['remote.test'] })
    expect(await h2get(`http://remote.test:${remote.port}`, '/ok')).toBe('h2 /ok')
    expect(remote.sessions).toBe(1)
    expect(guard.report.attempts).toMatchObject([
      { host: 'remote.test', address: REMOTE_V4, verdict: 'allowed' },
    ])
  })
})
