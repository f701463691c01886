/** `egress-guard report FILE [--format …] [--json]`: render a report file. */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { readReportFile } from 'egress-guard'
import { oneOf, parseVerbArgs } from '../args.js'
import { HELP } from '../help.js'
import { FORMATS, render } from '../render/formats.js'
import { appendJobSummary, renderJobSummary } from '../render/job-summary.js'
import { EXIT, UsageError } from '../usage-error.js'
import { readBaselineOrReport } from './diff.js'
import { reportMerge } from './report-merge.js'

export function reportCommand(args: readonly string[]): number {
  const { values, positionals } = parseVerbArgs('report', args, {
    format: { type: 'string', short: 'f' },
    json: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
    baseline: { type: 'string' },
  })
  if (values.help) {
    process.stdout.write(`${HELP.report}\n`)
    return EXIT.ok
  }
  if (positionals[0] === 'merge') {
    process.stdout.write(reportMerge(positionals.slice(1), values.output as string | undefined))
    return EXIT.ok
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      `egress-guard report: expected one report FILE, got ${positionals.length} (see --help)`,
    )
  }
  const fallback = process.stdout.isTTY ? 'table' : 'lines'
  const format = values.json ? 'json' : oneOf('report', '--format', values.format ?? fallback, FORMATS)
  const file = readReportFile(positionals[0] as string)
  const baselinePath = values.baseline as string | undefined
  const baseline = baselinePath
    ? { path: baselinePath, known: readBaselineOrReport(baselinePath) }
    : undefined
  const text = format === 'markdown' ? renderJobSummary(file, baseline) : render(file, format)
  if (values.output) writeFileSync(resolve(values.output as string), text)
  else process.stdout.write(text)
  // Markdown on standard output is usually being appended to the summary by the caller already.
  if (format !== 'markdown' || values.output) appendJobSummary(renderJobSummary(file, baseline))
  return EXIT.ok
}
