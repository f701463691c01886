/**
 * Records that survive a crash (issue 17): the preload journals attempts as they happen, and a
 * journal left by a process killed with SIGKILL is merged into the report by the next process of
 * the run to write it. Loopback only: record mode keeps allowed attempts too.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import type { EgressReportFile } from '../src/report-file.js'
import { appendToReportFile } from '../src/report-file.js'
import { journalDirectory, KILLED, recoverJournals } from '../src/runtime/attempt-journal.js'
import { ensureBuilt, registerPath } from './fixtures/cli/build.js'
import { cleanEnv, finished, fixture, printed, runWithPreload, started } from './fixtures/cli/run-bin.js'

vi.setConfig({ testTimeout: 60_000 })
beforeAll(() => ensureBuilt(), 180_000)

const reportPath = () => join(mkdtempSync(join(tmpdir(), 'egress-journal-')), 'report.json')
const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as EgressReportFile
const env = (report: string, runId: string) =>
  cleanEnv({ EGRESS_GUARD_MODE: 'record', EGRESS_GUARD_REPORT: report, EGRESS_GUARD_RUN_ID: runId })

/** A guarded process that made one loopback connection and waits to be killed. */
async function holdConnection(port: number, environment: NodeJS.ProcessEnv) {
  const child = started(
    process.execPath,
    ['--require', registerPath, fixture('hold-connection.mjs'), '127.0.0.1', String(port)],
    environment,
  )
  await printed(child, 'connected')
  return child
}

describe('records that survive a crash', () => {
  it('merges the journal of a process killed with SIGKILL when the next process of the run ends', async () => {
    await using server = await startCountingServer('127.0.0.1')
    const report = reportPath()
    const killed = await holdConnection(server.port, env(report, 'run-kill'))
    // The journal is written every 50 ms: SIGKILL loses at most that much.
    await new Promise((resolve) => setTimeout(resolve, 150))
    const ended = finished(killed)
    killed.kill('SIGKILL')
    expect((await ended).signal).toBe('SIGKILL')
    expect(existsSync(report)).toBe(false)
    expect(readdirSync(journalDirectory(report))).toEqual([`run-kill.${killed.pid}.jsonl`])

    const next = await runWithPreload(
      [fixture('connect.mjs'), '127.0.0.1', String(server.port)],
      env(report, 'run-kill'),
    )
    expect(next.stdout).toContain('connect ok')
    const file = readReport(report)
    expect(file.processes.map((p) => [p.pid, p.ending, p.attempts])).toEqual(
      expect.arrayContaining([
        [killed.pid, KILLED, 1],
        [expect.any(Number), 'exit 0', 1],
      ]),
    )
    expect(file.attempts.filter((a) => a.pid === killed.pid)).toMatchObject([
      { host: '127.0.0.1', port: server.port, verdict: 'allowed' },
    ])
    expect(existsSync(journalDirectory(report))).toBe(false)
  })

  it('leaves no journal behind after a normal exit', async () => {
    await using server = await startCountingServer('127.0.0.1')
    const report = reportPath()
    const ran = await runWithPreload(
      [fixture('connect.mjs'), '127.0.0.1', String(server.port)],
      env(report, 'run-ok'),
    )
    expect(ran.code).toBe(0)
    expect(readReport(report).attempts).toHaveLength(1)
    expect(existsSync(journalDirectory(report))).toBe(false)
  })

  it('does not merge the journal of a process that is still running', async () => {
    await using server = await startCountingServer('127.0.0.1')
    const report = reportPath()
    const running = await holdConnection(server.port, env(report, 'run-live'))
    try {
      expect(recoverJournals(report, { runId: 'run-live' }).merged).toEqual([])
      expect(existsSync(report)).toBe(false)
    } finally {
      running.kill('SIGKILL')
      await finished(running)
    }
  })

  it('still fails loudly when the report directory is missing, and makes no directory', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'egress-journal-')), 'missing')
    const ran = await runWithPreload(['-e', '0'], env(join(missing, 'report.json'), 'run-missing'))
    expect(ran.code).toBe(70)
    expect(ran.stderr).toContain('could not write report')
    expect(existsSync(missing)).toBe(false)
  })
})

describe('reading a journal', () => {
  const attempt = (pid: number, port: number) => ({
    protocol: 'tcp',
    verdict: 'allowed',
    reason: 'loopback',
    timestamp: '2026-01-01T00:00:00.000Z',
    host: '127.0.0.1',
    port,
    address: '127.0.0.1',
    rule: 'loopback',
    pid,
    threadId: 0,
  })
  const start = (pid: number) => ({
    type: 'start',
    process: {
      pid,
      ppid: 1,
      threadId: 0,
      argv: ['node'],
      startedAt: '2026-01-01T00:00:00.000Z',
      endedAt: '',
      ending: '',
      attempts: 0,
    },
  })
  // A pid no process has: far above the kernel's pid_max.
  const deadPid = 99_999_999

  it('skips a torn last line with a warning, and keeps the complete report that was there', () => {
    const report = reportPath()
    appendToReportFile(report, {
      runId: 'run-torn',
      processes: [
        { ...start(4242).process, endedAt: '2026-01-01T00:00:01.000Z', ending: 'exit 0', attempts: 1 },
      ],
      attempts: [attempt(4242, 1)] as never,
      children: [],
    })
    mkdirSync(journalDirectory(report))
    const lines = [
      JSON.stringify({ type: 'run', runId: 'run-torn', mode: 'record', rules: [] }),
      JSON.stringify(start(deadPid)),
      JSON.stringify({ type: 'attempt', attempt: attempt(deadPid, 2) }),
      JSON.stringify({ type: 'attempt', attempt: attempt(deadPid, 3) }).slice(0, 40),
    ]
    writeFileSync(join(journalDirectory(report), `run-torn.${deadPid}.jsonl`), lines.join('\n'))

    const recovered = recoverJournals(report)
    expect(recovered.merged).toHaveLength(1)
    expect(recovered.warnings).toEqual([expect.stringContaining('skipped a torn last line')])
    const file = readReport(report)
    expect(file.attempts.map((a) => [a.pid, a.port])).toEqual([
      [4242, 1],
      [deadPid, 2],
    ])
    expect(file.processes.map((p) => [p.pid, p.ending])).toEqual([
      [4242, 'exit 0'],
      [deadPid, KILLED],
    ])
  })

  it("leaves another run's journal alone: merging it would replace the report", () => {
    const report = reportPath()
    appendToReportFile(report, { runId: 'run-now', processes: [], attempts: [], children: [] })
    mkdirSync(journalDirectory(report))
    const old = join(journalDirectory(report), `run-old.${deadPid}.jsonl`)
    writeFileSync(
      old,
      `${JSON.stringify({ type: 'run', runId: 'run-old' })}\n${JSON.stringify(start(deadPid))}\n`,
    )
    expect(recoverJournals(report).merged).toEqual([])
    expect(readReport(report).runId).toBe('run-now')
    expect(existsSync(old)).toBe(true)
  })
})
