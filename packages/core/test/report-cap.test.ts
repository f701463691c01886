import { once } from 'node:events'
import net from 'node:net'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import {
  type EgressAttempt,
  type EgressDestination,
  type EgressProtocol,
  EgressReport,
  type EgressVerdict,
  egressGuard,
} from '../src/index.js'
import { destinationKey } from '../src/report.js'

function attemptTo(
  destination: { host?: string; port?: number; path?: string; address?: string },
  verdict: EgressVerdict = 'allowed',
  protocol: EgressProtocol = 'tcp',
): EgressAttempt {
  return { ...destination, protocol, verdict, reason: 'test', timestamp: '2024-01-01T00:00:00.000Z' }
}

/** The per-destination grouping, recomputed from a full list the way the report used to. */
function groupedFromList(attempts: readonly EgressAttempt[]): EgressDestination[] {
  const byKey = new Map<string, EgressDestination>()
  for (const a of attempts) {
    const key = destinationKey(a)
    let d = byKey.get(key)
    if (!d) {
      d = { destination: key, protocols: [], count: 0, verdicts: {} }
      if (a.path) d.path = a.path
      else {
        const host = a.host ?? a.address
        if (host !== undefined) d.host = host
        if (a.port !== undefined) d.port = a.port
      }
      byKey.set(key, d)
    }
    d.count++
    d.verdicts[a.verdict] = (d.verdicts[a.verdict] ?? 0) + 1
    if (!d.protocols.includes(a.protocol)) d.protocols.push(a.protocol)
  }
  return [...byKey.values()]
}

describe('EgressReport keeps a bounded list and exact counts', () => {
  it('lists attempts up to maxAttempts and counts the rest', () => {
    const report = new EgressReport({ maxAttempts: 3 })
    const sent = Array.from({ length: 5 }, (_, i) => attemptTo({ host: 'db.test', port: 5432 + (i % 2) }))
    for (const a of sent) report.add(a)
    expect(report.attempts).toEqual(sent.slice(0, 3))
    expect(report.omittedAttempts).toBe(2)
    expect(report.destinations()).toEqual([
      {
        destination: 'db.test:5432',
        host: 'db.test',
        port: 5432,
        protocols: ['tcp'],
        count: 3,
        verdicts: { allowed: 3 },
      },
      {
        destination: 'db.test:5433',
        host: 'db.test',
        port: 5433,
        protocols: ['tcp'],
        count: 2,
        verdicts: { allowed: 2 },
      },
    ])
  })

  it('keeps listing violations after the attempts cap is reached, up to the same cap', () => {
    const report = new EgressReport({ maxAttempts: 2 })
    for (let i = 0; i < 5; i++) report.add(attemptTo({ host: '127.0.0.1', port: 80 }))
    const blocked = [1, 2, 3].map((i) => attemptTo({ host: `x${i}.test`, port: 443 }, 'blocked', 'tls'))
    for (const a of blocked) report.add(a)
    expect(report.attempts).toHaveLength(2)
    expect(report.violations).toEqual(blocked.slice(0, 2))
    expect(report.omittedAttempts).toBe(6)
    expect(report.omittedViolations).toBe(1)
    expect(report.destinations().map((d) => [d.destination, d.count, d.verdicts])).toEqual([
      ['127.0.0.1:80', 5, { allowed: 5 }],
      ['x1.test:443', 1, { blocked: 1 }],
      ['x2.test:443', 1, { blocked: 1 }],
      ['x3.test:443', 1, { blocked: 1 }],
    ])
  })

  it('counts as violations only blocked and recorded attempts', () => {
    const report = new EgressReport()
    // A verdict the policy did not refuse (e.g. a mocked request) is listed and counted, not a violation.
    const other = attemptTo({ host: 'api.test', port: 443 }, 'mocked' as unknown as EgressVerdict, 'http')
    const recorded = attemptTo({ host: 'api.test', port: 443 }, 'recorded', 'http')
    const blocked = attemptTo({ host: 'api.test', port: 443 }, 'blocked', 'tls')
    for (const a of [attemptTo({ host: '::1', port: 1 }), other, recorded, blocked]) report.add(a)
    expect(report.violations).toEqual([recorded, blocked])
    expect(report.destinations()[1]).toMatchObject({
      destination: 'api.test:443',
      count: 3,
      protocols: ['http', 'tls'],
      verdicts: { mocked: 1, recorded: 1, blocked: 1 },
    })
  })

  it('matches the uncapped grouping for any sequence and cap', () => {
    // '::1' and '[::1]' share a key, as do an attempt with only an address and one named by it.
    const destination = fc.oneof(
      fc.record(
        {
          host: fc.constantFrom('a.test', '127.0.0.1', '::1', '[::1]'),
          address: fc.constantFrom('127.0.0.1', '::1'),
          port: fc.integer({ min: 1, max: 3 }),
        },
        { requiredKeys: [] },
      ),
      fc.record({ path: fc.constantFrom('/tmp/a.sock', '/tmp/b.sock') }),
    )
    const one = fc.record({
      destination,
      verdict: fc.constantFrom<EgressVerdict>('allowed', 'blocked', 'recorded'),
      protocol: fc.constantFrom<EgressProtocol>('tcp', 'tls', 'http', 'unix'),
    })
    fc.assert(
      fc.property(fc.array(one, { maxLength: 60 }), fc.integer({ min: 1, max: 70 }), (specs, cap) => {
        const sent = specs.map((s) => attemptTo(s.destination, s.verdict, s.protocol))
        const report = new EgressReport({ maxAttempts: cap })
        for (const a of sent) report.add(a)
        const violations = sent.filter((a) => a.verdict !== 'allowed')
        expect(report.destinations()).toEqual(groupedFromList(sent))
        expect(report.attempts).toEqual(sent.slice(0, cap))
        expect(report.violations).toEqual(violations.slice(0, cap))
        expect(report.omittedAttempts).toBe(Math.max(0, sent.length - cap))
        expect(report.omittedViolations).toBe(Math.max(0, violations.length - cap))
      }),
    )
  })

  it('hands out copies of its destinations and violations', () => {
    const report = new EgressReport()
    report.add(attemptTo({ host: 'a.test', port: 1 }, 'blocked'))
    const first = report.destinations()
    first[0]?.protocols.push('udp')
    if (first[0]) first[0].count = 99
    ;(report.violations as EgressAttempt[]).length = 0
    expect(report.destinations()).toMatchObject([{ count: 1, protocols: ['tcp'] }])
    expect(report.violations).toHaveLength(1)
  })

  it('adds the omitted counts to toJSON only when something was omitted', () => {
    const report = new EgressReport({ maxAttempts: 1 })
    report.add(attemptTo({ host: 'a.test', port: 1 }, 'blocked'))
    expect(Object.keys(report.toJSON())).toEqual(['attempts', 'violations', 'destinations'])
    report.add(attemptTo({ host: 'a.test', port: 1 }))
    expect(report.toJSON()).toMatchObject({ omittedAttempts: 1 })
    expect(Object.keys(report.toJSON())).toEqual([
      'attempts',
      'violations',
      'destinations',
      'omittedAttempts',
    ])
    report.add(attemptTo({ host: 'a.test', port: 1 }, 'recorded'))
    expect(report.toJSON()).toMatchObject({ omittedAttempts: 2, omittedViolations: 1 })
  })

  it('defaults to 20 000 and accepts Infinity for no cap', () => {
    expect(new EgressReport().maxAttempts).toBe(20_000)
    expect(new EgressReport({}).maxAttempts).toBe(20_000)
    expect(new EgressReport({ maxAttempts: Number.POSITIVE_INFINITY }).maxAttempts).toBe(
      Number.POSITIVE_INFINITY,
    )
  })

  it.each([
    [0, '0 (number)'],
    [-5, '-5 (number)'],
    [1.5, '1.5 (number)'],
    [Number.NaN, 'null (number)'],
    [Number.NEGATIVE_INFINITY, 'null (number)'],
    ['100', '"100"'],
    [null, 'null (null)'],
  ])('rejects maxAttempts %s with a TypeError naming it', (bad, shown) => {
    expect(() => new EgressReport({ maxAttempts: bad as number })).toThrow(
      new TypeError(`maxAttempts must be a positive integer or Infinity, got ${shown}`),
    )
  })
})

describe('egressGuard({ maxAttempts })', () => {
  it('caps the scope report and keeps its destination count exact', async () => {
    await using server = await startCountingServer('127.0.0.1')
    using guard = egressGuard({ mode: 'block', maxAttempts: 2 })
    for (let i = 0; i < 3; i++) {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.destroy())
      await once(socket, 'close')
    }
    expect(guard.report.attempts).toHaveLength(2)
    expect(guard.report.omittedAttempts).toBe(1)
    expect(guard.report.destinations()).toMatchObject([
      { destination: `127.0.0.1:${server.port}`, count: 3, verdicts: { allowed: 3 } },
    ])
  })

  it('rejects a bad maxAttempts before patching anything', () => {
    expect(() => egressGuard({ maxAttempts: 0 })).toThrow(TypeError)
    expect(() => egressGuard({ maxAttempts: 0 })).toThrow('maxAttempts must be a positive integer')
  })
})
