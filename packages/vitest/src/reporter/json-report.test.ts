import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type EgressAttempt, parseReportFile } from 'egress-guard'
import { describe, expect, it } from 'vitest'
import { schemaErrors } from '../../../core/test/fixtures/schemas/validate.js'
import type { RunEgress } from './collect.js'
import { writeRunReport } from './json-report.js'

const attempt = (host: string, port: number, verdict: EgressAttempt['verdict'], timestamp: string) =>
  ({ protocol: 'tcp', host, port, verdict, reason: 'fixture', timestamp }) as EgressAttempt

const run: RunEgress = {
  projects: ['api'],
  gatedTests: 1,
  tests: [
    {
      project: 'api',
      file: 'a.test.ts',
      test: 'suite > calls',
      state: 'passed',
      attempts: [attempt('api.example.test', 443, 'recorded', '2026-01-01T00:00:02.000Z')],
      failures: [],
    },
  ],
  files: [
    {
      project: 'api',
      file: 'a.test.ts',
      attempts: [attempt('127.0.0.1', 5432, 'allowed', '2026-01-01T00:00:01.000Z')],
      failures: [],
    },
  ],
  destinations: [],
}

describe('the JSON report of the Vitest reporter', () => {
  it("is egress-guard's own report format, each attempt tagged with its project and test", () => {
    const path = join(mkdtempSync(join(tmpdir(), 'egress-vitest-report-')), 'report.json')
    writeRunReport(path, run)
    const parsed = parseReportFile(readFileSync(path, 'utf8'), path)
    expect(parsed.projects).toEqual(['api'])
    expect(parsed.attempts.map((a) => [a.host, a.project, a.test])).toEqual([
      ['127.0.0.1', 'api', undefined],
      ['api.example.test', 'api', 'suite > calls'],
    ])
    expect(parsed.violations.map((a) => a.host)).toEqual(['api.example.test'])
  })

  it('keeps the Vitest view beside it: tests, files and the destination index', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'egress-vitest-report-')), 'report.json')
    writeRunReport(path, run)
    const written = JSON.parse(readFileSync(path, 'utf8'))
    expect(written).toMatchObject({ version: 1, egressGuardReport: 1, gatedTests: 1 })
    expect(written.tests).toHaveLength(1)
    expect(written.files).toHaveLength(1)
  })

  it('validates against the report schema shipped by egress-guard', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'egress-vitest-report-')), 'report.json')
    writeRunReport(path, run)
    const written = JSON.parse(readFileSync(path, 'utf8'))
    expect(written.attempts).toHaveLength(2)
    expect(schemaErrors('report', written)).toEqual([])
  })
})
