import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import { isHermetic, REMOTE_V4 } from '../../../test-support/hermetic.js'
import type { EgressReportFile } from '../src/report-file.js'
import { ensureBuilt, registerPath } from './fixtures/cli/build.js'
import { cleanEnv, finished, fixture, runBin, started } from './fixtures/cli/run-bin.js'

// Every test starts real processes: allow for a busy CI machine.
vi.setConfig({ testTimeout: 60_000 })
beforeAll(() => ensureBuilt(), 180_000)

const node = process.execPath
const reportPath = () => join(mkdtempSync(join(tmpdir(), 'egress-node-test-')), 'report.json')
const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as EgressReportFile

/** `node --test --require <register> remote.node-test.mjs`: node:test runs each file in a child process. */
function nodeTest(env: Record<string, string>) {
  const args = ['--test', '--require', registerPath, fixture('remote.node-test.mjs')]
  return finished(started(node, args, cleanEnv(env)))
}

describe('node:test through the preload', () => {
  it('records the test process connections in one report with the runner', async () => {
    await using server = await startCountingServer('127.0.0.1')
    const report = reportPath()
    const ran = await nodeTest({
      EGRESS_GUARD_MODE: 'record',
      EGRESS_GUARD_REPORT: report,
      FIXTURE_HOST: '127.0.0.1',
      FIXTURE_PORT: String(server.port),
    })
    expect(ran.code).toBe(0)
    const file = readReport(report)
    // The runner and the test file's own process, which inherits the preload through NODE_OPTIONS.
    expect(file.processes.length).toBeGreaterThanOrEqual(2)
    expect(file.attempts).toMatchObject([{ host: '127.0.0.1', port: server.port, verdict: 'allowed' }])
  })
})

describe.runIf(isHermetic)('node:test through the preload, against a fake remote', () => {
  it('fails the test that reaches a destination no rule allows, in block mode', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    const report = reportPath()
    const ran = await nodeTest({
      EGRESS_GUARD_MODE: 'block',
      EGRESS_GUARD_REPORT: report,
      FIXTURE_HOST: REMOTE_V4,
      FIXTURE_PORT: String(remote.port),
    })
    expect(ran.code).toBe(1)
    expect(ran.stdout).toContain('ERR_EGRESS_BLOCKED')
    expect(remote.accepted).toBe(0)
    expect(readReport(report).violations).toMatchObject([{ verdict: 'blocked', host: REMOTE_V4 }])
  })

  it('passes with the destination allowed, under egress-guard run', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    const env = cleanEnv({ FIXTURE_HOST: REMOTE_V4, FIXTURE_PORT: String(remote.port) })
    const ran = await runBin(
      [
        'run',
        '--allow',
        `${REMOTE_V4}:${remote.port}`,
        '--',
        node,
        '--test',
        fixture('remote.node-test.mjs'),
      ],
      env,
    )
    expect(ran.code).toBe(0)
    expect(remote.accepted).toBe(1)
    expect(ran.stderr).toContain(`allowed ${REMOTE_V4}:${remote.port} tcp x1`)
  })
})
