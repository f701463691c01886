/**
 * The end of a run, in the reporting process: the summary, the JSON report (egress-guard's own
 * report format, with the per-test view beside it), GitHub annotations, and the baseline rewrite
 * when `EGRESS_GUARD_UPDATE=1`.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, relative as relativePath } from 'node:path'
import {
  buildReportFile,
  type EgressReportFile,
  type FileAttempt,
  readBaseline,
  updatedBaseline,
  writeBaseline,
} from 'egress-guard'
import type { TestRecord } from '../records.js'
import type { GateSettings } from '../settings.js'
import { collectRun, type RunEgress } from './collect.js'
import { formatAnnotations, formatSummary } from './output.js'

export type EgressRunReport = Omit<EgressReportFile, 'destinations'> &
  RunEgress & { version: 1; generatedAt: string; runner: string }

/** Every attempt of the run, each with its project and (where it has one) its test. */
function runAttempts(run: RunEgress): FileAttempt[] {
  return [
    ...run.tests.flatMap((t) =>
      t.attempts.map((a) => ({ ...a, project: t.project, test: a.test ?? t.test })),
    ),
    ...run.files.flatMap((f) => f.attempts.map((a) => ({ ...a, project: f.project }))),
  ]
}

export function writeRunReport(file: string, run: RunEgress, runner: string): EgressRunReport {
  const common = buildReportFile({
    runId: '',
    projects: run.projects,
    processes: [],
    children: [],
    attempts: runAttempts(run),
  })
  const report: EgressRunReport = {
    ...common,
    version: 1,
    generatedAt: new Date().toISOString(),
    runner,
    ...run,
  }
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, `${JSON.stringify(report, null, 2)}\n`)
  renameSync(temp, file)
  return report
}

export interface FinishRunOptions {
  settings: GateSettings
  records: readonly TestRecord[]
  /** `node-test`, `mocha`, … (written in the report). */
  runner: string
  log: (text: string) => void
}

export function finishRun({ settings, records, runner, log }: FinishRunOptions): RunEgress {
  // Paths under the working directory print relative to it, others as they are.
  const relative = (path: string) => {
    const inside = relativePath(process.cwd(), path)
    return inside && !inside.startsWith('..') ? inside : path
  }
  const run = collectRun(records, relative)
  if (settings.report) writeRunReport(settings.report, run, runner)
  log(formatSummary(run, settings.report ? relative(settings.report) : undefined))
  if (process.env.GITHUB_ACTIONS === 'true') for (const line of formatAnnotations(run, relative)) log(line)
  if (settings.baseline && settings.update) {
    const attempts = [...run.tests, ...run.files].flatMap((o) =>
      o.attempts.map((a) => ({ ...a, project: o.project })),
    )
    writeBaseline(settings.baseline, updatedBaseline(readBaseline(settings.baseline), attempts, run.projects))
    log(`egress-guard: baseline ${relative(settings.baseline)} rewritten for ${run.projects.join(', ')}`)
  }
  return run
}
