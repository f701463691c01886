/** Gather the per-test records of a run into one view: per test, per file, per destination. */
import { destinationKey, type EgressAttempt } from 'egress-guard'
import type { EgressFailure } from '../failures.js'
import type { TestRecord } from '../records.js'

export interface TestEgress {
  project: string
  file: string
  /** Describe blocks and test name, joined by ` > `. */
  test: string
  state: string
  attempts: EgressAttempt[]
  failures: EgressFailure[]
}

export interface FileEgress {
  project: string
  file: string
  /** Attempts made outside any test: imports, once-hooks. */
  attempts: EgressAttempt[]
  failures: EgressFailure[]
}

export interface DestinationSummary {
  destination: string
  count: number
  verdicts: Partial<Record<EgressAttempt['verdict'], number>>
  protocols: string[]
  /** `file > test` names that reached it (or `file` for code outside tests). */
  tests: string[]
}

export interface RunEgress {
  projects: string[]
  /** Tests that ran under a gate. */
  gatedTests: number
  tests: TestEgress[]
  files: FileEgress[]
  destinations: DestinationSummary[]
}

/** `relative` turns a file path into the form printed and written (relative to the working directory). */
export function collectRun(records: readonly TestRecord[], relative: (path: string) => string): RunEgress {
  const run: RunEgress = { projects: [], gatedTests: 0, tests: [], files: [], destinations: [] }
  const projects = new Set<string>()
  const byDestination = new Map<string, DestinationSummary>()
  for (const record of records) {
    projects.add(record.project)
    const file = relative(record.file)
    if (record.test === undefined) {
      if (record.attempts.length === 0) continue
      run.files.push({ project: record.project, file, attempts: record.attempts, failures: record.failures })
      noteAttempts(byDestination, record.attempts, file)
      continue
    }
    run.gatedTests++
    if (record.attempts.length === 0 && record.failures.length === 0) continue
    run.tests.push({
      project: record.project,
      file,
      test: record.test,
      state: record.state ?? 'unknown',
      attempts: record.attempts,
      failures: record.failures,
    })
    noteAttempts(byDestination, record.attempts, `${file} > ${record.test}`)
  }
  run.projects = [...projects].sort()
  run.destinations = [...byDestination.values()].sort(
    (a, b) => violations(b) - violations(a) || a.destination.localeCompare(b.destination),
  )
  return run
}

function noteAttempts(
  byDestination: Map<string, DestinationSummary>,
  attempts: readonly EgressAttempt[],
  who: string,
): void {
  for (const attempt of attempts) {
    const key = destinationKey(attempt)
    let entry = byDestination.get(key)
    if (!entry) {
      entry = { destination: key, count: 0, verdicts: {}, protocols: [], tests: [] }
      byDestination.set(key, entry)
    }
    entry.count++
    entry.verdicts[attempt.verdict] = (entry.verdicts[attempt.verdict] ?? 0) + 1
    if (!entry.protocols.includes(attempt.protocol)) entry.protocols.push(attempt.protocol)
    if (!entry.tests.includes(who)) entry.tests.push(who)
  }
}

export function violations(d: DestinationSummary): number {
  return (d.verdicts.blocked ?? 0) + (d.verdicts.recorded ?? 0)
}
