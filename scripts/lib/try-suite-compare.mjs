// try-suite's reading of results: Vitest's JSON report (per-test outcomes) and egress-guard's JSON
// report (what the gate saw per test), and the comparison of plain and gated runs.
import { existsSync, readFileSync } from 'node:fs'
import { relative } from 'node:path'

/** `passed`, `failed` or `skipped` (Vitest's pending, todo and disabled count as skipped). */
function outcomeOf(status) {
  return status === 'passed' || status === 'failed' ? status : 'skipped'
}

/** File-level pseudo test: a file that fails to load or whose hooks fail has no test to blame. */
export const FILE_LEVEL = '(file)'

/**
 * Per-test outcomes of one run: Map of `file > describe > test` to a sorted list of outcomes (one
 * per occurrence: a file run by two projects appears twice), plus counts and file errors.
 */
export function readVitestRun(jsonFile, suiteDir) {
  if (!existsSync(jsonFile)) return undefined
  const report = JSON.parse(readFileSync(jsonFile, 'utf8'))
  const outcomes = new Map()
  const counts = { files: 0, passed: 0, failed: 0, skipped: 0, fileErrors: 0 }
  const fileErrors = new Map()
  const add = (key, outcome) => outcomes.set(key, [...(outcomes.get(key) ?? []), outcome].sort())
  for (const file of report.testResults ?? []) {
    const path = relative(suiteDir, file.name)
    counts.files++
    const fileFailed = file.status === 'failed' && (file.message ?? '') !== ''
    add(`${path} > ${FILE_LEVEL}`, fileFailed ? 'failed' : 'passed')
    if (fileFailed) {
      counts.fileErrors++
      fileErrors.set(path, file.message)
    }
    for (const test of file.assertionResults ?? []) {
      const outcome = outcomeOf(test.status)
      counts[outcome]++
      add(`${path} > ${[...(test.ancestorTitles ?? []), test.title].join(' > ')}`, outcome)
    }
  }
  return { outcomes, counts, fileErrors }
}

/** The egress report of a gated run, indexed by `file > test` (and `file > (file)`). */
export function readEgressRun(reportFile) {
  if (!existsSync(reportFile)) return undefined
  const report = JSON.parse(readFileSync(reportFile, 'utf8'))
  const byKey = new Map()
  const add = (key, entry) => byKey.set(key, [...(byKey.get(key) ?? []), entry])
  for (const test of report.tests ?? []) add(`${test.file} > ${test.test}`, test)
  for (const file of report.files ?? []) add(`${file.file} > ${FILE_LEVEL}`, file)
  return { report, byKey }
}

/** Summarises a list of outcomes over runs: `passed`, or `passed×2 failed×1` when they vary. */
function summarise(lists) {
  const all = lists.flatMap((list) => list ?? ['absent'])
  const tally = new Map()
  for (const outcome of all) tally.set(outcome, (tally.get(outcome) ?? 0) + 1)
  if (tally.size === 1) return all[0]
  return [...tally].map(([outcome, n]) => `${outcome}×${n}`).join(' ')
}

/**
 * Tests whose outcome differs between the plain runs and the gated runs, each with both summaries.
 * A test that only one side ran counts as `absent` on the other.
 */
export function differences(plainRuns, gatedRuns) {
  const keys = new Set([...plainRuns, ...gatedRuns].flatMap((run) => [...run.outcomes.keys()]))
  const found = []
  for (const key of [...keys].sort()) {
    const plain = summarise(plainRuns.map((run) => normalise(run.outcomes.get(key))))
    const gated = summarise(gatedRuns.map((run) => normalise(run.outcomes.get(key))))
    if (plain !== gated) found.push({ key, plain, gated })
  }
  return found
}

/** One occurrence of a test is one outcome; several (two projects) are kept as a joined outcome. */
function normalise(list) {
  return list === undefined ? undefined : [list.join('+')]
}

/** Lines describing what the gate saw for one test key over all gated runs. */
export function egressLines(key, egressRuns) {
  const lines = new Set()
  for (const run of egressRuns) {
    for (const entry of run?.byKey.get(key) ?? []) {
      for (const attempt of entry.attempts ?? []) {
        if (attempt.verdict === 'allowed') continue
        lines.add(
          `${attempt.verdict} ${destinationOf(attempt)} [${attempt.protocol}] at ${attempt.stack ?? '?'}`,
        )
      }
      for (const failure of entry.failures ?? []) {
        lines.add(`failure ${failure.kind} ${failure.destination} at ${failure.stack ?? '?'}`)
      }
    }
  }
  return [...lines]
}

function destinationOf(attempt) {
  if (attempt.path) return `unix:${attempt.path}`
  const host = attempt.host ?? attempt.address ?? '?'
  const shown = host.includes(':') ? `[${host}]` : host
  const resolved = attempt.address && attempt.address !== host ? ` (${attempt.address})` : ''
  return `${shown}:${attempt.port ?? '?'}${resolved}`
}

/** Median of a non-empty list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
