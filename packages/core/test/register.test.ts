import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import type { EgressReportFile } from '../src/report-file.js'
import { ensureBuilt, registerPath } from './fixtures/cli/build.js'
import { cleanEnv, finished, fixture, printed, runWithPreload, started } from './fixtures/cli/run-bin.js'

// Every test starts real processes: allow for a busy CI machine.
vi.setConfig({ testTimeout: 60_000 })
beforeAll(() => ensureBuilt(), 180_000)

const node = process.execPath
const reportPath = () => join(mkdtempSync(join(tmpdir(), 'egress-register-')), 'report.json')
const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as EgressReportFile
/** Record mode with loopback refused, so loopback connections count as violations we can see. */
const recordEnv = (report: string, extra: Record<string, string> = {}) =>
  cleanEnv({ EGRESS_GUARD_MODE: 'record', EGRESS_GUARD_REPORT: report, ...extra })

describe('the register preload writes the report however the process ends', () => {
  it('on a normal exit', async () => {
    await using server = await startCountingServer('127.0.0.1')
    const report = reportPath()
    const ran = await runWithPreload(
      [fixture('connect.mjs'), '127.0.0.1', String(server.port)],
      recordEnv(report),
    )
    expect(ran.stdout).toContain('connect ok')
    const file = readReport(report)
    expect(file.processes).toMatchObject([{ pid: expect.any(Number), ending: 'exit 0', attempts: 1 }])
    expect(file.attempts).toMatchObject([
      { host: '127.0.0.1', port: server.port, verdict: 'allowed', rule: 'loopback' },
    ])
  })

  it('on process.exit() while a connection is open', async () => {
    await using server = await startCountingServer('127.0.0.1', () => {})
    const report = reportPath()
    const ran = await runWithPreload(
      [fixture('exit-midflight.mjs'), '127.0.0.1', String(server.port)],
      recordEnv(report),
    )
    expect(ran.code).toBe(7)
    expect(readReport(report)).toMatchObject({
      processes: [{ ending: 'exit 7' }],
      attempts: [{ port: server.port, verdict: 'allowed' }],
    })
  })

  it('on an uncaught exception', async () => {
    await using server = await startCountingServer('127.0.0.1', () => {})
    const report = reportPath()
    const ran = await runWithPreload(
      [fixture('uncaught.mjs'), '127.0.0.1', String(server.port)],
      recordEnv(report),
    )
    expect(ran.code).toBe(1)
    expect(ran.stderr).toContain('fixture: uncaught after connecting')
    expect(readReport(report)).toMatchObject({
      processes: [{ ending: 'uncaught exception (exit 1)' }],
      attempts: [{ port: server.port }],
    })
  })

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal}, then dies of the signal`, async () => {
      await using server = await startCountingServer('127.0.0.1', () => {})
      const report = reportPath()
      const child = started(
        node,
        ['--require', registerPath, fixture('hold-connection.mjs'), '127.0.0.1', String(server.port)],
        recordEnv(report),
      )
      const done = finished(child)
      await printed(child, 'connected')
      child.kill(signal)
      const ran = await done
      expect(ran.signal).toBe(signal)
      expect(readReport(report)).toMatchObject({
        processes: [{ ending: `signal ${signal}` }],
        attempts: [{ port: server.port }],
      })
    })
  }

  it('leaves a signal to the application when it handles it, and writes the final report at exit', async () => {
    await using server = await startCountingServer('127.0.0.1', () => {})
    const report = reportPath()
    const args = ['--require', registerPath, fixture('handles-sigterm.mjs'), '127.0.0.1', String(server.port)]
    const child = started(node, args, recordEnv(report))
    const done = finished(child)
    await printed(child, 'connected')
    child.kill('SIGTERM')
    const ran = await done
    expect(ran.code).toBe(4)
    const file = readReport(report)
    expect(file.processes).toMatchObject([{ ending: 'exit 4' }])
    expect(file.attempts).toHaveLength(1)
  })
})

describe('one report from several processes', () => {
  it('keeps every entry when many processes of one run end at the same time', async () => {
    await using server = await startCountingServer('127.0.0.1')
    const report = reportPath()
    const env = recordEnv(report, { EGRESS_GUARD_RUN_ID: 'run-concurrent' })
    const runs = Array.from({ length: 8 }, () =>
      runWithPreload([fixture('connect.mjs'), '127.0.0.1', String(server.port)], env),
    )
    const results = await Promise.all(runs)
    expect(results.map((r) => r.code)).toEqual(Array(8).fill(0))
    const file = readReport(report)
    expect(file.runId).toBe('run-concurrent')
    expect(new Set(file.processes.map((p) => p.pid)).size).toBe(8)
    expect(file.attempts).toHaveLength(8)
    expect(new Set(file.attempts.map((a) => a.pid)).size).toBe(8)
    expect(readdirSync(dirname(report))).toEqual(['report.json'])
  })

  it('merges a parent and the child it spawned into one report', async () => {
    await using server = await startCountingServer('127.0.0.1')
    const report = reportPath()
    const ran = await runWithPreload(
      [fixture('spawn-node.mjs'), '1', '127.0.0.1', String(server.port)],
      recordEnv(report),
    )
    expect(ran.stdout).toContain('connect ok')
    const file = readReport(report)
    expect(file.processes).toHaveLength(2)
    const pids = file.processes.map((p) => p.pid)
    expect(file.processes.some((p) => pids.includes(p.ppid))).toBe(true)
    expect(file.attempts).toHaveLength(1)
  })

  it('replaces a report left by an earlier run instead of appending to it', async () => {
    await using server = await startCountingServer('127.0.0.1')
    const report = reportPath()
    for (const runId of ['first', 'second']) {
      await runWithPreload(
        [fixture('connect.mjs'), '127.0.0.1', String(server.port)],
        recordEnv(report, { EGRESS_GUARD_RUN_ID: runId }),
      )
    }
    const file = readReport(report)
    expect(file.runId).toBe('second')
    expect(file.processes).toHaveLength(1)
  })
})

describe('register configuration', () => {
  it('loads with --import as well as --require', async () => {
    await using server = await startCountingServer('127.0.0.1')
    const report = reportPath()
    const ran = await finished(
      started(
        node,
        ['--import', registerPath, fixture('connect.mjs'), '127.0.0.1', String(server.port)],
        recordEnv(report),
      ),
    )
    expect(ran.code).toBe(0)
    expect(readReport(report).attempts).toHaveLength(1)
  })

  it('gives allowed attempts their stack frame too with EGRESS_GUARD_STACKS=all, in children as well', async () => {
    await using server = await startCountingServer('127.0.0.1')
    const report = reportPath()
    const args = [fixture('spawn-node.mjs'), '1', '127.0.0.1', String(server.port)]
    await runWithPreload(args, recordEnv(report, { EGRESS_GUARD_STACKS: 'all' }))
    const [attempt] = readReport(report).attempts
    expect(attempt).toMatchObject({ verdict: 'allowed', rule: 'loopback' })
    expect(attempt?.stack).toContain('connect-lib.mjs')
  })

  it('does nothing with EGRESS_GUARD_MODE=off', async () => {
    await using server = await startCountingServer('127.0.0.1')
    const report = reportPath()
    const ran = await runWithPreload(
      [fixture('connect.mjs'), '127.0.0.1', String(server.port)],
      cleanEnv({ EGRESS_GUARD_MODE: 'off', EGRESS_GUARD_REPORT: report }),
    )
    expect(ran.stdout).toContain('connect ok')
    expect(existsSync(report)).toBe(false)
  })

  it('refuses to start the process when EGRESS_GUARD_ALLOW holds a bad rule, naming it', async () => {
    const ran = await runWithPreload(
      ['-e', 'console.log("ran")'],
      cleanEnv({ EGRESS_GUARD_ALLOW: 'db.test:99999' }),
    )
    expect(ran.code).not.toBe(0)
    expect(ran.stdout).not.toContain('ran')
    expect(ran.stderr).toContain('db.test:99999')
  })
})
