/**
 * The JSON report file, in egress-guard's own report format (`buildReportFile`, the one owner of
 * that format): every attempt of the run in `attempts`, each tagged with its project and test, so
 * `egress-guard report`, `diff` and `baseline update` read it like any other report. The Vitest view
 * is added beside it: `tests` (every attempt of every test), `files` (attempts outside tests) and a
 * per-destination index with the tests that reached each destination.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { buildReportFile, type EgressReportFile, type FileAttempt } from 'egress-guard'
import type { RunEgress } from './collect.js'

export type EgressRunReport = Omit<EgressReportFile, 'destinations'> &
  RunEgress & {
    version: 1
    generatedAt: string
  }

/** Every attempt of the run, each carrying the project and (where it has one) the test that made it. */
export function runAttempts(run: RunEgress): FileAttempt[] {
  const attempts: FileAttempt[] = []
  for (const test of run.tests) {
    for (const attempt of test.attempts) {
      attempts.push({ ...attempt, project: test.project, test: attempt.test ?? test.test })
    }
  }
  for (const file of run.files) {
    for (const attempt of file.attempts) attempts.push({ ...attempt, project: file.project })
  }
  return attempts
}

export function writeRunReport(file: string, run: RunEgress, root?: string): EgressRunReport {
  const common = buildReportFile({
    root,
    runId: '',
    projects: run.projects,
    processes: [],
    children: [],
    attempts: runAttempts(run),
  })
  const report: EgressRunReport = { ...common, version: 1, generatedAt: new Date().toISOString(), ...run }
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, `${JSON.stringify(report, null, 2)}\n`)
  renameSync(temp, file)
  return report
}
