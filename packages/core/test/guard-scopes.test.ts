import net from 'node:net'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import { changedSince, snapshotPatchedGlobals } from '../../../test-support/patched-globals.js'
import { EgressGuardError, EgressPolicyError, egressGuard, withEgressGuard } from '../src/index.js'

/** Connect to a loopback port: 'connected' once the greeting ends, or the error's code. */
function dial(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.on('data', () => {})
    socket.on('end', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)))
  })
}

describe('scopes', () => {
  it('lets the innermost scope decide and records in every enclosing report', async () => {
    await using server = await startCountingServer('127.0.0.1')
    using outer = egressGuard({ mode: 'record', allowLoopback: false })
    {
      using inner = egressGuard({ mode: 'block', allowLoopback: false, allow: [`127.0.0.1:${server.port}`] })
      expect(await dial(server.port)).toBe('connected')
      expect(inner.report.attempts).toHaveLength(1)
    }
    expect(await dial(server.port)).toBe('connected')
    expect(outer.report.attempts.map((a) => a.verdict)).toEqual(['allowed', 'recorded'])
  })

  it('keeps two concurrent withEgressGuard scopes apart', async () => {
    await using a = await startCountingServer('127.0.0.1')
    await using b = await startCountingServer('127.0.0.1')
    const [ra, rb] = await Promise.all([
      withEgressGuard({ mode: 'block', allowLoopback: false, allow: [`127.0.0.1:${a.port}`] }, async () => [
        await dial(a.port),
        await dial(b.port),
      ]),
      withEgressGuard({ mode: 'record', allowLoopback: false, allow: [`127.0.0.1:${b.port}`] }, async () => [
        await dial(b.port),
        await dial(a.port),
      ]),
    ])
    expect(ra.value).toEqual(['connected', 'ERR_EGRESS_BLOCKED'])
    expect(rb.value).toEqual(['connected', 'connected'])
    expect(ra.report.attempts.map((x) => [x.port, x.verdict])).toEqual([
      [a.port, 'allowed'],
      [b.port, 'blocked'],
    ])
    expect(rb.report.attempts.map((x) => [x.port, x.verdict])).toEqual([
      [b.port, 'allowed'],
      [a.port, 'recorded'],
    ])
  })

  it('patches nothing with EGRESS_GUARD_MODE=off', () => {
    const before = snapshotPatchedGlobals()
    process.env.EGRESS_GUARD_MODE = 'off'
    try {
      using guard = egressGuard({ mode: 'block' })
      expect(guard.mode).toBe('off')
      expect(changedSince(before)).toEqual([])
    } finally {
      delete process.env.EGRESS_GUARD_MODE
    }
  })

  it('rejects a bad mode and a bad rule naming the value, leaving nothing patched', () => {
    const before = snapshotPatchedGlobals()
    expect(() => egressGuard({ mode: 'blok' as 'block' })).toThrow(/"blok"/)
    expect(() => egressGuard({ allow: ['10.0.0.0/33'] })).toThrow(EgressPolicyError)
    expect(changedSince(before)).toEqual([])
  })

  it('fails closed: a patch point that cannot be installed throws and leaves nothing patched', () => {
    const before = snapshotPatchedGlobals()
    // The last patch point cannot be installed (an accessor): everything before it must be rolled back.
    const { TCP } = (process as unknown as { binding(n: string): { TCP: { prototype: object } } }).binding(
      'tcp_wrap',
    )
    const descriptor = Object.getOwnPropertyDescriptor(TCP.prototype, 'connect6') as PropertyDescriptor
    const realConnect6 = descriptor.value
    Object.defineProperty(TCP.prototype, 'connect6', {
      get: () => realConnect6,
      configurable: true,
      enumerable: true,
    })
    let error: unknown
    try {
      egressGuard()
    } catch (e) {
      error = e
    } finally {
      Object.defineProperty(TCP.prototype, 'connect6', descriptor)
    }
    expect(error).toBeInstanceOf(EgressGuardError)
    expect(String(error)).toMatch(/connect6/)
    expect(changedSince(before)).toEqual([])
    const state = (process as unknown as Record<symbol, { liveScopes: number }>)[
      Symbol.for('egress-guard.state.v1')
    ]
    expect(state?.liveScopes).toBe(0)
  })
})

describe('1 000 random nested and concurrent scopes', () => {
  it('leave no trace and never mix their reports', async () => {
    await using server = await startCountingServer('127.0.0.1')
    const before = snapshotPatchedGlobals()
    // A tree of async-context scopes: each dials once, then runs its children concurrently.
    type Plan = { allow: boolean; block: boolean; children: Plan[] }
    const random = fc.sample(fc.integer({ min: 0, max: 999 }), { numRuns: 20_000, seed: 20261123 })
    let cursor = 0
    const next = () => (random[cursor++ % random.length] as number) / 1000
    const makePlan = (depth: number): Plan => ({
      allow: next() < 0.5,
      block: next() < 0.5,
      children: Array.from({ length: depth < 3 ? Math.floor(next() * (4 - depth)) : 0 }, () =>
        makePlan(depth + 1),
      ),
    })
    let scopes = 0
    async function run(plan: Plan): Promise<number> {
      scopes++
      const options = {
        mode: plan.block ? ('block' as const) : ('record' as const),
        allowLoopback: false,
        allow: plan.allow ? [`127.0.0.1:${server.port}`] : [],
      }
      const { value: dials, report } = await withEgressGuard(options, async () => {
        const own = await dial(server.port)
        expect(own).toBe(plan.allow || !plan.block ? 'connected' : 'ERR_EGRESS_BLOCKED')
        const counts = await Promise.all(plan.children.map(run))
        return 1 + counts.reduce((a, b) => a + b, 0)
      })
      // Exactly this subtree's dials, the first one being this scope's own, judged by its own policy.
      expect(report.attempts).toHaveLength(dials)
      expect(report.attempts[0]?.verdict).toBe(plan.allow ? 'allowed' : plan.block ? 'blocked' : 'recorded')
      return dials
    }
    const plans = Array.from({ length: 1000 }, () => makePlan(0))
    for (let i = 0; scopes < 1000 && i < plans.length; i += 20) {
      // Every other batch runs inside a global scope, which must see every attempt of the batch.
      const batch = plans.slice(i, i + 20)
      if (i % 40 === 0) {
        using outer = egressGuard({ mode: 'record' })
        scopes++
        const dials = (await Promise.all(batch.map(run))).reduce((a, b) => a + b, 0)
        expect(outer.report.attempts).toHaveLength(dials)
      } else {
        await Promise.all(batch.map(run))
      }
    }
    expect(scopes).toBeGreaterThanOrEqual(1000)
    expect(changedSince(before)).toEqual([])
  }, 120_000)
})
