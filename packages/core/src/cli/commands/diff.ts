/**
 * `egress-guard diff BASELINE REPORT`: the destinations REPORT reached without an allow rule that
 * BASELINE does not list. BASELINE is an egress-baseline.json, or another report (then its own
 * unallowed destinations are the known ones).
 */
import { readFileSync } from 'node:fs'
import {
  type Baseline,
  baselineDestinations,
  destinationKey,
  EgressBaselineError,
  type FileAttempt,
  newDestinations,
  parseBaseline,
  parseReportFile,
  ReportFileError,
  readReportFile,
} from 'egress-guard'
import { parseVerbArgs } from '../args.js'
import { HELP } from '../help.js'
import { EXIT, UsageError } from '../usage-error.js'

/** A baseline file, or a report used as one. */
export function readBaselineOrReport(path: string): Baseline {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const problem = code === 'ENOENT' ? 'no such file' : (error as Error).message
    throw new EgressBaselineError(path, '(file)', problem, { cause: error })
  }
  try {
    return parseBaseline(text, path)
  } catch (baselineError) {
    try {
      return baselineDestinations(parseReportFile(text, path).attempts)
    } catch (error) {
      if (error instanceof ReportFileError) throw baselineError
      throw error
    }
  }
}

export function withProject(attempts: readonly FileAttempt[], project: string | undefined): FileAttempt[] {
  if (!project) return [...attempts]
  return attempts.map((a) => (a.project ? a : { ...a, project }))
}

export function diffCommand(args: readonly string[]): number {
  const { values, positionals } = parseVerbArgs('diff', args, {
    project: { type: 'string' },
    json: { type: 'boolean' },
  })
  if (values.help) {
    process.stdout.write(`${HELP.diff}\n`)
    return EXIT.ok
  }
  if (positionals.length !== 2) {
    throw new UsageError(
      `egress-guard diff: expected BASELINE and REPORT, got ${positionals.length} argument(s) (see --help)`,
    )
  }
  const [baselinePath, reportPath] = positionals as [string, string]
  const baseline = readBaselineOrReport(baselinePath)
  const report = readReportFile(reportPath)
  const attempts = withProject(report.attempts, values.project as string | undefined)
  const fresh = newDestinations(baseline, attempts)
  const known = [...new Set([...baselineDestinations(attempts).values()].flatMap((s) => [...s]))]
    .filter((d) => !fresh.includes(d))
    .sort()
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ new: fresh, known }, null, 2)}\n`)
  } else if (fresh.length === 0) {
    process.stdout.write(
      `egress-guard: no new destinations (${known.length} known, listed in ${baselinePath})\n`,
    )
  } else {
    const lines = fresh.map((d) => `new destination: ${d}${firstSeen(attempts, d)}`)
    lines.push(`egress-guard: ${fresh.length} new destination(s) not in ${baselinePath}`)
    process.stdout.write(`${lines.join('\n')}\n`)
  }
  return fresh.length ? EXIT.found : EXIT.ok
}

function firstSeen(attempts: readonly FileAttempt[], destination: string): string {
  const hit = attempts.find(
    (a) => a.verdict !== 'allowed' && (a.stack || a.test) && destinationKey(a) === destination,
  )
  return hit ? ` (first at ${hit.stack ?? hit.test})` : ''
}
