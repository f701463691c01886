/**
 * What a run prints: the end-of-run summary (destinations, counts, the tests that reached them) and,
 * on GitHub Actions, one `::error` workflow command per failing destination at the line that opened
 * the connection.
 */
import { type RunEgress, violations } from './collect.js'

const MAX_TESTS_LISTED = 3
const FRAME = /^(.*):(\d+):(\d+)$/

export function formatSummary(run: RunEgress, reportFile: string | undefined): string {
  const total = (pick: (d: RunEgress['destinations'][number]) => number) =>
    run.destinations.reduce((n, d) => n + pick(d), 0)
  const lines = [
    `egress-guard: ${run.gatedTests} gated tests, ${total((d) => d.count)} connection attempts to ` +
      `${run.destinations.length} destinations (${total((d) => d.verdicts.blocked ?? 0)} blocked, ` +
      `${total((d) => d.verdicts.recorded ?? 0)} recorded)`,
  ]
  for (const d of run.destinations) {
    const verdicts = Object.entries(d.verdicts)
      .map(([verdict, n]) => `${n} ${verdict}`)
      .join(', ')
    const more = d.tests.length > MAX_TESTS_LISTED ? `; +${d.tests.length - MAX_TESTS_LISTED} more` : ''
    const mark = violations(d) > 0 ? '✗' : '✓'
    lines.push(
      `  ${mark} ${d.destination} [${d.protocols.join(',')}] ${verdicts} — ${d.tests.slice(0, MAX_TESTS_LISTED).join('; ')}${more}`,
    )
  }
  const failing = [...run.tests, ...run.files].flatMap((t) => t.failures)
  const fresh = [...new Set(failing.filter((f) => f.kind === 'new-destination').map((f) => f.destination))]
  if (fresh.length) lines.push(`  new destinations not in the baseline: ${fresh.join(', ')}`)
  if (reportFile) lines.push(`  report: ${reportFile}`)
  return lines.join('\n')
}

export function formatAnnotations(run: RunEgress, relative: (path: string) => string): string[] {
  const lines: string[] = []
  for (const owner of [...run.tests, ...run.files]) {
    const where = 'test' in owner ? ` in test "${owner.test}"` : ' outside any test'
    for (const failure of owner.failures) {
      const frame = failure.stack ? FRAME.exec(failure.stack) : null
      const properties = [`file=${escapeProperty(frame ? relative(frame[1] as string) : owner.file)}`]
      if (frame) properties.push(`line=${frame[2]}`, `col=${frame[3]}`)
      properties.push('title=egress-guard')
      const what =
        failure.kind === 'blocked'
          ? `egress-guard blocked a connection to ${failure.destination}${where}`
          : `egress-guard: new egress destination ${failure.destination}${where} (not in the baseline)`
      lines.push(`::error ${properties.join(',')}::${escapeData(what)}`)
    }
  }
  return lines
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
