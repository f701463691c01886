import { readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import { type EgressAttempt, EgressReport, egressGuard, openEgressScope } from '../src/index.js'
import type { EgressReportFile } from '../src/report-file.js'
import { ensureBuilt } from './fixtures/cli/build.js'
import { cleanEnv, fixture, runWithPreload } from './fixtures/cli/run-bin.js'

const attempt = (port: number): EgressAttempt => ({
  host: 'a.test',
  port,
  protocol: 'tcp',
  verdict: 'allowed',
  reason: 'test',
  timestamp: '2024-01-01T00:00:00.000Z',
})

const dialled = (port: number) =>
  new Promise<void>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.on('connect', () => socket.destroy())
    socket.on('close', () => resolve())
    socket.on('error', () => {})
  })

describe('EgressReport#subscribe', () => {
  it('calls the listener with every attempt added, past the cap too, until unsubscribed', () => {
    const report = new EgressReport({ maxAttempts: 1 })
    const seen: number[] = []
    const unsubscribe = report.subscribe((a) => seen.push(a.port ?? -1))
    report.add(attempt(1))
    report.add(attempt(2))
    unsubscribe()
    report.add(attempt(3))
    expect(seen).toEqual([1, 2])
    expect(report.attempts.map((a) => a.port)).toEqual([1])
  })

  it('calls the listener after the attempt is counted', () => {
    const report = new EgressReport()
    const counts: number[] = []
    report.subscribe(() => counts.push(report.destinations()[0]?.count ?? 0))
    report.add(attempt(1))
    report.add(attempt(1))
    expect(counts).toEqual([1, 2])
  })

  it('keeps each subscription of the same function apart, and unsubscribing twice is harmless', () => {
    const report = new EgressReport()
    const seen: number[] = []
    const listener = (a: EgressAttempt) => seen.push(a.port ?? -1)
    const first = report.subscribe(listener)
    report.subscribe(listener)
    report.add(attempt(1))
    first()
    first()
    report.add(attempt(2))
    expect(seen).toEqual([1, 1, 2])
  })

  it('still calls every listener of an add when one unsubscribes another during it', () => {
    const report = new EgressReport()
    const seen: string[] = []
    let second = () => {}
    report.subscribe(() => {
      seen.push('first')
      second()
    })
    second = report.subscribe(() => seen.push('second'))
    report.add(attempt(1))
    report.add(attempt(2))
    expect(seen).toEqual(['first', 'second', 'first'])
  })

  it('rejects a listener that is not a function', () => {
    const report = new EgressReport()
    expect(() => report.subscribe('x' as unknown as () => void)).toThrow(
      new TypeError('subscribe needs a function, got "x"'),
    )
  })
})

describe('subscribers instead of patched reports', () => {
  it('openEgressScope tells attempts a nested scope decided from its own, without replacing add', async () => {
    await using server = await startCountingServer('127.0.0.1')
    const scope = openEgressScope({ mode: 'record', label: 'outer test' })
    if (!scope) throw new Error('the guard is off')
    try {
      expect(Object.hasOwn(scope.report, 'add')).toBe(false)
      scope.enterGlobally()
      await dialled(server.port)
      {
        using inner = egressGuard({ mode: 'record' })
        await dialled(server.port)
        expect(inner.report.attempts).toHaveLength(1)
      }
      await dialled(server.port)
      expect(scope.report.attempts.map((a) => [a.test, scope.decidedHere(a)])).toEqual([
        ['outer test', true],
        ['outer test', false],
        ['outer test', true],
      ])
    } finally {
      scope.close()
    }
  })

  describe('the preload in a worker thread', () => {
    vi.setConfig({ testTimeout: 60_000 })
    beforeAll(() => ensureBuilt(), 180_000)

    it('forwards the worker’s attempts to the thread that writes the report', async () => {
      await using server = await startCountingServer('127.0.0.1')
      const report = join(await mkdtemp(join(tmpdir(), 'egress-report-subscribe-')), 'report.json')
      const env = cleanEnv({ EGRESS_GUARD_MODE: 'record', EGRESS_GUARD_REPORT: report })
      const ran = await runWithPreload([fixture('worker.mjs'), '127.0.0.1', String(server.port)], env)
      expect(ran.stdout).toContain('worker ok')
      const file = JSON.parse(readFileSync(report, 'utf8')) as EgressReportFile
      const worker = file.processes.find((p) => p.threadId !== 0)
      expect(file.processes).toHaveLength(2)
      expect(file.attempts).toMatchObject([
        { host: '127.0.0.1', port: server.port, verdict: 'allowed', threadId: worker?.threadId },
      ])
      expect(worker?.threadId).toBeGreaterThan(0)
    })
  })
})
