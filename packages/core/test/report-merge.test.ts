import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { buildReportFile, type FileAttempt } from '../src/report-file.js'
import { ensureBuilt } from './fixtures/cli/build.js'
import { runBin } from './fixtures/cli/run-bin.js'
import { schemaErrors } from './fixtures/schemas/validate.js'

vi.setConfig({ testTimeout: 60_000 })
beforeAll(() => ensureBuilt(), 180_000)

const at = (second: number, host: string, port: number, extra: Partial<FileAttempt> = {}): FileAttempt => ({
  protocol: 'tcp',
  host,
  port,
  verdict: 'recorded',
  reason: 'no rule',
  stack: `src/client.ts:${second}:3`,
  timestamp: `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z`,
  ...extra,
})

// One suite's attempts; the shards below split them three ways, as a CI matrix would.
const attempts: FileAttempt[] = [
  at(1, 'api.test', 443, { project: 'web', test: 'a > loads' }),
  at(2, 'db.test', 5432, { project: 'api', test: 'b > saves', verdict: 'allowed', rule: 'db.test:5432' }),
  at(3, 'api.test', 443, { project: 'api', test: 'c > syncs' }),
  at(4, 'cdn.test', 443, { project: 'web', test: 'd > fetches', verdict: 'blocked' }),
  at(5, 'api.test', 443, { project: 'web', test: 'e > retries' }),
]

function writeReport(dir: string, name: string, part: FileAttempt[], runId: string, projects: string[]) {
  const path = join(dir, name)
  const file = buildReportFile({
    runId,
    mode: 'record',
    projects,
    processes: [],
    children: [],
    attempts: part,
  })
  writeFileSync(path, JSON.stringify(file))
  return path
}

describe('egress-guard report merge', () => {
  it('merges three shard reports into the report of the whole run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egress-merge-'))
    const whole = buildReportFile({
      runId: 'whole',
      mode: 'record',
      projects: ['api', 'web'],
      processes: [],
      children: [],
      attempts,
    })
    const shards = [
      writeReport(dir, 's1.json', [attempts[0], attempts[3]] as FileAttempt[], 'run-1', ['web']),
      writeReport(dir, 's2.json', [attempts[1], attempts[2]] as FileAttempt[], 'run-2', ['api']),
      writeReport(dir, 's3.json', [attempts[4]] as FileAttempt[], 'run-3', ['web']),
    ]
    const output = join(dir, 'out', 'all.json')
    const merged = await runBin(['report', 'merge', ...shards, '-o', output])
    expect(merged.stderr).toBe('')
    expect(merged.code).toBe(0)
    expect(merged.stdout).toContain('merged 3 report(s)')
    const all = JSON.parse(readFileSync(output, 'utf8'))
    expect(all.runId).toBe('run-1+run-2+run-3')
    expect(all.mode).toBe('record')
    expect(all.projects).toEqual(['api', 'web'])
    expect(all.attempts).toEqual(whole.attempts)
    expect(all.destinations).toEqual(whole.destinations)
    expect(all.violations).toHaveLength(4)
    expect(schemaErrors('report', all)).toEqual([])
  })

  it('gives diff and baseline update a merged report to read like any other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egress-merge-'))
    const a = writeReport(dir, 'a.json', attempts.slice(0, 2), 'a', ['web', 'api'])
    const b = writeReport(dir, 'b.json', attempts.slice(2), 'b', ['api', 'web'])
    const all = join(dir, 'all.json')
    expect((await runBin(['report', 'merge', a, b, '-o', all])).code).toBe(0)

    const baseline = join(dir, 'egress-baseline.json')
    expect((await runBin(['baseline', 'update', all, '--baseline', baseline])).code).toBe(0)
    const written = JSON.parse(readFileSync(baseline, 'utf8'))
    expect(written.projects).toEqual({ api: ['api.test:443'], web: ['api.test:443', 'cdn.test:443'] })
    expect(schemaErrors('baseline', written)).toEqual([])

    writeFileSync(baseline, JSON.stringify({ version: 1, projects: { web: ['api.test:443'], api: [] } }))
    const diff = await runBin(['diff', baseline, all, '--json'])
    expect(diff.code).toBe(1)
    expect(JSON.parse(diff.stdout).new).toEqual(['api.test:443', 'cdn.test:443'])
  })

  it('refuses a merge without inputs or without -o, with exit 2', async () => {
    const noInputs = await runBin(['report', 'merge', '-o', join(tmpdir(), 'never.json')])
    expect(noInputs.code).toBe(2)
    expect(noInputs.stderr).toContain('name the report files to merge')
    const noOutput = await runBin(['report', 'merge', 'a.json'])
    expect(noOutput.code).toBe(2)
    expect(noOutput.stderr).toContain('-o FILE')
  })
})
