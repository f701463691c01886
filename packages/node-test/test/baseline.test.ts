import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort } from '../../gate/test/run-runner.js'
import { runFixture } from './run-fixture.js'

describe('record mode against a baseline (fixture: record-mode, one fixed port)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'egress-node-test-baseline-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const baseline = join(dir, 'egress-baseline.json')
  writeFileSync(baseline, `${JSON.stringify({ version: 1, projects: { default: [] } })}\n`)
  const port = await freePort()
  const env = { EGRESS_GUARD_BASELINE: baseline, FIXTURE_PORT: String(port) }
  const fresh = await runFixture('record-mode', { env })
  const update = await runFixture('record-mode', { env: { ...env, EGRESS_GUARD_UPDATE: '1' } })
  const written = readFileSync(baseline, 'utf8')
  const known = await runFixture('record-mode', { env })

  it('fails the test that reached a destination missing from the baseline, naming the baseline', () => {
    expect(fresh.code).toBe(1)
    expect(fresh.outcomes.get('a connection in record mode goes through and is recorded')).toBe('not ok')
    expect(fresh.report?.tests).toMatchObject([
      { state: 'failed', failures: [{ kind: 'new-destination', destination: `127.0.0.1:${port}` }] },
    ])
    expect(fresh.output).toContain(`1 new egress destination not in ${baseline} (project "default")`)
  })

  it('rewrites the baseline with EGRESS_GUARD_UPDATE=1 without failing, then passes against it', () => {
    expect(update.code).toBe(0)
    expect(JSON.parse(written)).toEqual({ version: 1, projects: { default: [`127.0.0.1:${port}`] } })
    expect(known.code).toBe(0)
    expect(known.report?.tests).toMatchObject([{ state: 'passed', failures: [] }])
  })
})
