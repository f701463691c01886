import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePorts } from './free-ports.js'
import { runFixture } from './run-fixture.js'

const dir = mkdtempSync(join(tmpdir(), 'egress-baseline-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the baseline in record mode (fixture: record-baseline)', async () => {
  const [first, second] = await freePorts(2)
  const baseline = join(dir, 'egress-baseline.json')
  const env = { EGRESS_GUARD_BASELINE: baseline, FIXTURE_PORTS: `${first},${second}` }

  it('fails a record-mode run on a destination missing from the baseline, naming it and the baseline', async () => {
    const run = await runFixture('record-baseline', { env })
    expect(run.code, run.output).toBe(1)
    expect(run.report?.tests.find((t) => t.test === 'talks to the first service')).toMatchObject({
      state: 'failed',
      failures: [{ kind: 'new-destination', destination: `127.0.0.1:${first}` }],
    })
    expect(run.output).toContain(
      `egress-guard: 1 new egress destination not in ${baseline} (project "default"):`,
    )
    expect(run.output).toContain('accept with EGRESS_GUARD_UPDATE=1')
  })

  it('rewrites the baseline, sorted, with EGRESS_GUARD_UPDATE=1, and then passes on known destinations', async () => {
    const update = await runFixture('record-baseline', {
      env: { ...env, EGRESS_GUARD_UPDATE: '1', FIXTURE_SECOND: '1' },
    })
    expect(update.code, update.output).toBe(0)
    const expected = [`127.0.0.1:${first}`, `127.0.0.1:${second}`].sort()
    expect(readFileSync(baseline, 'utf8')).toBe(
      `${JSON.stringify({ version: 1, projects: { default: expected } }, null, 2)}\n`,
    )
    const again = await runFixture('record-baseline', { env: { ...env, FIXTURE_SECOND: '1' } })
    expect(again.code, again.output).toBe(0)
    expect(again.report?.tests.flatMap((t) => t.attempts.map((a) => a.verdict))).toEqual([
      'recorded',
      'recorded',
    ])
  })

  it('fails only on the new destination when the baseline knows the others', async () => {
    writeFileSync(baseline, JSON.stringify({ version: 1, projects: { default: [`127.0.0.1:${first}`] } }))
    const run = await runFixture('record-baseline', { env: { ...env, FIXTURE_SECOND: '1' } })
    expect(run.code).toBe(1)
    expect(run.report?.tests.map((t) => [t.test, t.state])).toEqual([
      ['talks to the first service', 'passed'],
      ['talks to the second service when asked to', 'failed'],
    ])
  })

  it.each([
    ['not JSON', '{ "version": 1,', '(file): is not JSON'],
    [
      'a bad entry',
      JSON.stringify({ version: 1, projects: { default: ['ok.test:443', 'bad host:1'] } }),
      'projects["default"][1]: "bad host:1" is not a destination',
    ],
    [
      'a port out of range',
      JSON.stringify({ version: 1, projects: { api: ['db.test:70000'] } }),
      'projects["api"][0]: "db.test:70000" has a port above 65535',
    ],
    ['a wrong version', JSON.stringify({ version: 2, projects: {} }), 'version: must be 1, got 2'],
  ])('fails the run on a baseline with %s, naming the file and the entry', async (_what, text, problem) => {
    writeFileSync(baseline, text)
    const run = await runFixture('record-baseline', { env })
    expect(run.code).not.toBe(0)
    expect(run.output).toContain(`egress-guard: malformed baseline ${baseline}: ${problem}`)
  })
})
