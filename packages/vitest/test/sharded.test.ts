import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { schemaErrors } from '../../core/test/fixtures/schemas/validate.js'
import type { EgressRunReport } from '../src/reporter.js'
import { freePorts } from './free-ports.js'
import { type FixtureRun, runFixture } from './run-fixture.js'

// Five Vitest runs, one after the other.
vi.setConfig({ testTimeout: 180_000 })

const dir = mkdtempSync(join(tmpdir(), 'egress-sharded-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** What must not depend on sharding: destinations with their counts and tests, and each test's egress. */
function egressOf(report: EgressRunReport | undefined) {
  if (!report) throw new Error('the reporter wrote no report')
  return {
    destinations: report.destinations
      .map((d) => ({ ...d, tests: [...d.tests].sort(), protocols: [...d.protocols].sort() }))
      .sort((a, b) => a.destination.localeCompare(b.destination)),
    tests: report.tests
      .map((t) => ({
        file: t.file,
        test: t.test,
        state: t.state,
        attempts: t.attempts.map((a) => [a.host, a.port, a.verdict, a.stack]),
        failures: t.failures,
      }))
      .sort((a, b) => `${a.file} ${a.test}`.localeCompare(`${b.file} ${b.test}`)),
    files: report.files.map((f) => [f.file, f.attempts.length, f.failures]).sort(),
    projects: report.projects,
    gatedTests: report.gatedTests,
  }
}

/** The egress reporter's summary: its totals line, one line per destination, the baseline line. */
const summaryOf = (run: FixtureRun) =>
  run.output
    .split('\n')
    .filter((line) => /^(egress-guard: \d+ gated| {2}[✗✓] \S+ \[| {2}new destinations)/.test(line))

describe('Vitest sharding: --shard with the blob reporter, then --merge-reports (fixture: sharded)', async () => {
  const ports = await freePorts(3)
  const baseline = join(dir, 'egress-baseline.json')
  writeFileSync(
    baseline,
    JSON.stringify({ version: 1, projects: { default: [`127.0.0.1:${ports[0]}`, `127.0.0.1:${ports[1]}`] } }),
  )
  const env = { EGRESS_GUARD_BASELINE: baseline, FIXTURE_PORTS: ports.join(',') }

  it('writes the same report, summary and baseline check merged from three shards as in one run', async () => {
    const whole = await runFixture('sharded', { env })
    expect(whole.code, whole.output).toBe(1) // gamma reaches a destination the baseline does not list

    const blobs = join(dir, 'blobs')
    for (const index of [1, 2, 3]) {
      const shard = await runFixture('sharded', {
        env,
        args: [
          `--shard=${index}/3`,
          '--reporter=blob',
          `--outputFile=${join(blobs, `blob-${index}-3.json`)}`,
        ],
      })
      expect([0, 1], shard.output).toContain(shard.code)
    }
    const merged = await runFixture('sharded', { env, args: [`--merge-reports=${blobs}`] })
    expect(merged.code, merged.output).toBe(1)

    const wholeEgress = egressOf(whole.report)
    expect(wholeEgress.destinations.map((d) => d.destination)).toEqual(
      ports.map((p) => `127.0.0.1:${p}`).sort(),
    )
    expect(wholeEgress.tests).toHaveLength(3)
    expect(egressOf(merged.report)).toEqual(wholeEgress)
    expect(summaryOf(merged)).toEqual(summaryOf(whole))
    expect(summaryOf(whole)).toContain(`  new destinations not in the baseline: 127.0.0.1:${ports[2]}`)
    expect(schemaErrors('report', merged.report)).toEqual([])
  })
})
