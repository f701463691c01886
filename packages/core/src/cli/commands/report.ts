/** `egress-guard report FILE [--format …] [--json]`: render a report file. */
import { readReportFile } from 'egress-guard'
import { oneOf, parseVerbArgs } from '../args.js'
import { HELP } from '../help.js'
import { FORMATS, render } from '../render/formats.js'
import { EXIT, UsageError } from '../usage-error.js'

export function reportCommand(args: readonly string[]): number {
  const { values, positionals } = parseVerbArgs('report', args, {
    format: { type: 'string', short: 'f' },
    json: { type: 'boolean' },
  })
  if (values.help) {
    process.stdout.write(`${HELP.report}\n`)
    return EXIT.ok
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      `egress-guard report: expected one report FILE, got ${positionals.length} (see --help)`,
    )
  }
  const fallback = process.stdout.isTTY ? 'table' : 'lines'
  const format = values.json ? 'json' : oneOf('report', '--format', values.format ?? fallback, FORMATS)
  process.stdout.write(render(readReportFile(positionals[0] as string), format))
  return EXIT.ok
}
