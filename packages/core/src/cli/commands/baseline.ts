/** `egress-guard baseline update [REPORT] [--baseline FILE] [--project NAME]`. */
import { resolve } from 'node:path'
import { DEFAULT_PROJECT, readBaseline, readReportFile, updatedBaseline, writeBaseline } from 'egress-guard'
import { parseVerbArgs } from '../args.js'
import { HELP } from '../help.js'
import { EXIT, UsageError } from '../usage-error.js'
import { withProject } from './diff.js'

export function baselineCommand(args: readonly string[]): number {
  const { values, positionals } = parseVerbArgs('baseline', args, {
    baseline: { type: 'string' },
    project: { type: 'string' },
  })
  if (values.help) {
    process.stdout.write(`${HELP.baseline}\n`)
    return EXIT.ok
  }
  const [action, reportArg, ...extra] = positionals
  if (action !== 'update' || extra.length) {
    throw new UsageError(
      `egress-guard baseline: expected "update [REPORT]", got ${JSON.stringify(positionals.join(' '))} (see --help)`,
    )
  }
  const reportPath = reportArg ?? process.env.EGRESS_GUARD_REPORT
  if (!reportPath) {
    throw new UsageError('egress-guard baseline update: name the REPORT file (or set EGRESS_GUARD_REPORT)')
  }
  const baselinePath = resolve(
    (values.baseline as string | undefined) ?? process.env.EGRESS_GUARD_BASELINE ?? 'egress-baseline.json',
  )
  const project = (values.project as string | undefined) ?? DEFAULT_PROJECT
  const report = readReportFile(reportPath)
  const attempts = withProject(report.attempts, project)
  const ran = report.projects?.length
    ? report.projects
    : [...new Set(attempts.map((a) => a.project ?? project))]
  const next = updatedBaseline(readBaseline(baselinePath), attempts, ran.length ? ran : [project])
  writeBaseline(baselinePath, next)
  const count = [...next.values()].reduce((n, s) => n + s.size, 0)
  process.stdout.write(
    `egress-guard: wrote ${baselinePath} (${count} destination(s) in ${next.size} project(s))\n`,
  )
  return EXIT.ok
}
