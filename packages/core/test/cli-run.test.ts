import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import { isHermetic, REMOTE_V4 } from '../../../test-support/hermetic.js'
import type { EgressReportFile } from '../src/report-file.js'
import { binPath, ensureBuilt } from './fixtures/cli/build.js'
import { cleanEnv, finished, fixture, printed, runBin, started } from './fixtures/cli/run-bin.js'

// Every test starts real processes: allow for a busy CI machine.
vi.setConfig({ testTimeout: 60_000 })
beforeAll(() => ensureBuilt(), 180_000)

const node = process.execPath
const reportPath = () => join(mkdtempSync(join(tmpdir(), 'egress-cli-run-')), 'report.json')
const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as EgressReportFile
/** `egress-guard run OPTIONS… -- node <fixture> ARGS…` */
const runNodeFixture = (options: string[], script: string, ...args: string[]) =>
  runBin(['run', ...options, '--', node, fixture(script), ...args])

describe.runIf(isHermetic)('egress-guard run against fake remotes', () => {
  it('blocks a Node script that connects to an address no rule allows, and exits 1', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    const report = reportPath()
    const ran = await runNodeFixture(['--report', report], 'connect.mjs', REMOTE_V4, String(remote.port))
    expect(ran.stdout).toContain('connect ERR_EGRESS_BLOCKED')
    expect(ran.code).toBe(1)
    expect(remote.accepted).toBe(0)
    expect(readReport(report).violations).toMatchObject([
      { verdict: 'blocked', host: REMOTE_V4, port: remote.port },
    ])
    expect(ran.stderr).toMatch(
      new RegExp(`blocked ${REMOTE_V4}:${remote.port} tcp x1 at .*connect-lib\\.mjs`),
    )
  })

  it('records a fetch in record mode, lets it through and exits with the command code', async () => {
    const server = http.createServer((_req, res) => res.end('fine')).listen(0, REMOTE_V4)
    await once(server, 'listening')
    const { port } = server.address() as { port: number }
    try {
      const report = reportPath()
      const url = `http://${REMOTE_V4}:${port}/data`
      const ran = await runNodeFixture(['--mode', 'record', '--report', report], 'fetch.mjs', url)
      expect(ran.stdout).toContain('fetch 200')
      expect(ran.code).toBe(0)
      const violations = readReport(report).violations
      expect(violations.length).toBeGreaterThan(0)
      expect(violations.every((a) => a.verdict === 'recorded')).toBe(true)
      expect(violations.some((a) => a.url === url)).toBe(true)
    } finally {
      server.close()
    }
  })

  it('guards a Node grandchild started by a Node child', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    const report = reportPath()
    const ran = await runNodeFixture(
      ['--report', report],
      'spawn-node.mjs',
      '2',
      REMOTE_V4,
      String(remote.port),
    )
    expect(ran.stdout).toContain('connect ERR_EGRESS_BLOCKED')
    expect(remote.accepted).toBe(0)
    const file = readReport(report)
    expect(file.processes).toHaveLength(3)
    const grandchild = file.processes.find((p) => p.argv.includes('0'))
    expect(file.violations).toMatchObject([{ verdict: 'blocked', pid: grandchild?.pid }])
  })

  it('guards a worker thread', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    const report = reportPath()
    const ran = await runNodeFixture(['--report', report], 'worker.mjs', REMOTE_V4, String(remote.port))
    expect(ran.stdout).toContain('worker ERR_EGRESS_BLOCKED')
    expect(remote.accepted).toBe(0)
    const file = readReport(report)
    const workerThread = file.processes.find((p) => p.threadId !== 0)
    expect(workerThread).toBeDefined()
    expect(file.violations).toMatchObject([{ verdict: 'blocked', threadId: workerThread?.threadId }])
  })

  it('records curl as an unguarded child and, in block mode, does not start it when its URL is refused', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    const report = reportPath()
    const url = `http://${REMOTE_V4}:${remote.port}/`
    const ran = await runNodeFixture(['--report', report], 'curl.mjs', url)
    expect(ran.stdout).toContain('curl ERR_EGRESS_BLOCKED')
    expect(remote.accepted).toBe(0)
    const file = readReport(report)
    expect(file.children).toMatchObject([{ file: 'curl', args: ['-s', '-o', '/dev/null', '-m', '5', url] }])
    expect(file.violations).toMatchObject([{ verdict: 'blocked', url, host: REMOTE_V4 }])
    expect(ran.stderr).toContain('unguarded-child curl')
  })

  it('lets curl run in record mode and reports the destination it named', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    const report = reportPath()
    const url = `http://${REMOTE_V4}:${remote.port}/`
    const ran = await runNodeFixture(['--mode', 'record', '--report', report], 'curl.mjs', url)
    expect(ran.stdout).toContain('curl exit')
    expect(remote.accepted).toBe(1)
    expect(readReport(report).violations).toMatchObject([{ verdict: 'recorded', url }])
  })

  it('admits a destination named by --allow', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    const rule = `${REMOTE_V4}:${remote.port}`
    const ran = await runNodeFixture(['--allow', rule], 'spawn-node.mjs', '1', REMOTE_V4, String(remote.port))
    expect(ran.stdout).toContain('connect ok')
    expect(ran.code).toBe(0)
    expect(remote.accepted).toBe(1)
  })

  it('does not start a non-Node command whose command line names a refused URL', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    const ran = await runBin(['run', '--', 'curl', '-s', `http://${REMOTE_V4}:${remote.port}/`])
    expect(ran.code).toBe(1)
    expect(ran.stderr).toContain('not started')
    expect(remote.accepted).toBe(0)
  })

  it('passes SIGTERM on to the command, writes the report, and exits as the signal did', async () => {
    await using remote = await startCountingServer(REMOTE_V4, () => {})
    const report = reportPath()
    const args = [
      binPath,
      'run',
      '--mode',
      'record',
      '--report',
      report,
      '--',
      node,
      fixture('hold-connection.mjs'),
      REMOTE_V4,
      String(remote.port),
    ]
    const child = started(node, args, cleanEnv())
    const done = finished(child)
    await printed(child, 'connected')
    child.kill('SIGTERM')
    const ran = await done
    expect(ran.code).toBe(143)
    const file = readReport(report)
    expect(file.processes).toMatchObject([{ ending: 'signal SIGTERM' }])
    expect(file.violations).toMatchObject([{ verdict: 'recorded', host: REMOTE_V4, port: remote.port }])
  })
})

describe('egress-guard run on loopback', () => {
  it("exits with the command's own code", async () => {
    const ran = await runBin(['run', '--', node, '-e', 'process.exit(5)'])
    expect(ran.code).toBe(5)
    expect(ran.stderr).toContain(
      'egress-guard: 0 destinations, 0 attempts (0 blocked, 0 recorded), 1 guarded process',
    )
  })

  it('leaves EGRESS_GUARD_REPORT to the command (the Vitest reporter writes its own report there)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egress-cli-run-'))
    const own = join(dir, 'vitest-report.json')
    const report = join(dir, 'report.json')
    const code = 'require("node:fs").writeFileSync(process.env.EGRESS_GUARD_REPORT, "written by the command")'
    const ran = await runBin(
      ['run', '--report', report, '--', node, '-e', code],
      cleanEnv({ EGRESS_GUARD_REPORT: own }),
    )
    expect(ran.code).toBe(0)
    expect(readFileSync(own, 'utf8')).toBe('written by the command')
    expect(readReport(report).processes).toHaveLength(1)
  })

  it('prints the summary as one JSON line with --json', async () => {
    await using server = await startCountingServer('127.0.0.1')
    const ran = await runNodeFixture(['--json'], 'connect.mjs', '127.0.0.1', String(server.port))
    expect(ran.code).toBe(0)
    const summary = JSON.parse(ran.stderr.trim())
    expect(summary).toMatchObject({ exitCode: 0, attempts: 1, blocked: 0, processes: 1 })
    expect(summary.destinations).toMatchObject([{ destination: `127.0.0.1:${server.port}`, count: 1 }])
  })

  it('prints a table when stderr is a terminal', async () => {
    const command = [node, binPath, 'run', '--', node, '-e', '0'].map((a) => `'${a}'`).join(' ')
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' })
    expect(result.stdout).toContain('│ Destination')
  })

  it('answers bad arguments with one line and exit 2', async () => {
    for (const args of [
      ['run', '--mode', 'nope', '--', node],
      ['run'],
      ['run', '--allow', 'bad rule', '--', node],
      ['run', '--frobnicate', '--', node],
      ['wat'],
    ]) {
      const ran = await runBin(args)
      expect(ran.code, args.join(' ')).toBe(2)
      expect(ran.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1)
    }
  })

  it('answers --help for every verb', async () => {
    for (const verb of ['run', 'sandbox', 'report', 'diff', 'baseline']) {
      const ran = await runBin([verb, '--help'])
      expect(ran.code, verb).toBe(0)
      expect(ran.stdout).toMatch(new RegExp(`^Usage: egress-guard ${verb}`))
    }
    const top = await runBin(['--help'])
    expect(top.stdout).toContain('Commands:')
  })
})
