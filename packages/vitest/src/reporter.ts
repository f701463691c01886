/**
 * `@egress-guard/vitest/reporter`: the main-process reporter, also usable by name in `reporters`:
 * `reporters: ['default', '@egress-guard/vitest/reporter']` (configured by `EGRESS_GUARD_REPORT`,
 * `EGRESS_GUARD_BASELINE`, `EGRESS_GUARD_UPDATE`, `GITHUB_ACTIONS`).
 */
import { EgressReporter } from './reporter/egress-reporter.js'

export type { DestinationSummary, FileEgress, RunEgress, TestEgress } from './reporter/collect.js'
export type { EgressReporterOptions } from './reporter/egress-reporter.js'
export { EgressReporter } from './reporter/egress-reporter.js'
export type { EgressRunReport } from './reporter/json-report.js'
export default EgressReporter
