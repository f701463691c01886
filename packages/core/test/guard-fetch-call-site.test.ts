import { describe, expect, it } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import { isHermetic } from '../../../test-support/hermetic.js'
import { egressGuard, withEgressGuard } from '../src/index.js'

const thisFile = /guard-fetch-call-site\.test\.ts:\d+:\d+$/

describe('the call site of a global fetch', () => {
  it('names the line that called fetch when the HTTP layer blocks it before any socket', async () => {
    using guard = egressGuard({ mode: 'block', allowLoopback: false })
    const error = await fetch('http://127.0.0.1:47/telemetry').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect(guard.report.violations).toHaveLength(1)
    expect(guard.report.violations[0]?.stack).toMatch(thisFile)
  })

  it('takes no stack for a fetch the policy admits up front, unless stacks is "all"', async () => {
    await using server = await startCountingServer('127.0.0.1', (socket) =>
      socket.end('HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n'),
    )
    const plain = await withEgressGuard({ mode: 'block' }, () => fetch(`http://127.0.0.1:${server.port}/`))
    expect(plain.value.status).toBe(204)
    expect(plain.report.attempts.length).toBeGreaterThan(0)
    expect(plain.report.attempts.every((a) => a.stack === undefined)).toBe(true)
    const audited = await withEgressGuard({ mode: 'block', stacks: 'all' }, () =>
      fetch(`http://127.0.0.1:${server.port}/`),
    )
    expect(audited.report.attempts.length).toBeGreaterThan(0)
    for (const attempt of audited.report.attempts) expect(attempt.stack).toMatch(thisFile)
  })

  it.runIf(isHermetic)('names the calling line for a name that resolves outside the allowlist', async () => {
    const { report } = await withEgressGuard({ mode: 'record' }, () =>
      fetch('http://remote.test:47/').catch(() => undefined),
    )
    expect(report.violations.length).toBeGreaterThan(0)
    for (const violation of report.violations) expect(violation.stack).toMatch(thisFile)
  })
})
