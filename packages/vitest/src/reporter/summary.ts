/** The end-of-run summary printed to the terminal: destinations, counts, and which tests reached them. */
import { type RunEgress, violations } from './collect.js'

const MAX_TESTS_LISTED = 3

export function formatSummary(run: RunEgress, reportFile: string | undefined): string {
  const attempts = run.destinations.reduce((n, d) => n + d.count, 0)
  const blocked = run.destinations.reduce((n, d) => n + (d.verdicts.blocked ?? 0), 0)
  const recorded = run.destinations.reduce((n, d) => n + (d.verdicts.recorded ?? 0), 0)
  const lines = [
    `egress-guard: ${run.gatedTests} gated tests, ${attempts} connection attempts to ${run.destinations.length} destinations` +
      ` (${blocked} blocked, ${recorded} recorded)`,
  ]
  for (const d of run.destinations) {
    const verdicts = Object.entries(d.verdicts)
      .map(([verdict, count]) => `${count} ${verdict}`)
      .join(', ')
    const listed = d.tests.slice(0, MAX_TESTS_LISTED).join('; ')
    const more = d.tests.length > MAX_TESTS_LISTED ? `; +${d.tests.length - MAX_TESTS_LISTED} more` : ''
    const mark = violations(d) > 0 ? '✗' : '✓'
    lines.push(`  ${mark} ${d.destination} [${d.protocols.join(',')}] ${verdicts} — ${listed}${more}`)
  }
  const failing = [...run.tests, ...run.files].flatMap((t) => t.failures)
  const fresh = [...new Set(failing.filter((f) => f.kind === 'new-destination').map((f) => f.destination))]
  if (fresh.length) lines.push(`  new destinations not in the baseline: ${fresh.join(', ')}`)
  if (reportFile) lines.push(`  report: ${reportFile}`)
  return lines.join('\n')
}
