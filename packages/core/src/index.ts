// The baseline file (egress-baseline.json): read, parse, compare a run against it, update it.
export { type Baseline, DEFAULT_PROJECT, parseBaseline, readBaseline, writeBaseline } from './baseline.js'
export {
  baselineDestinations,
  newDestinations,
  type ProjectAttempt,
  updatedBaseline,
} from './baseline-attempts.js'
export { EgressBaselineError } from './baseline-error.js'
export { type EgressScope, type EgressScopeOptions, openEgressScope } from './enter-scope.js'
export type { BlockedDestination, EgressErrorCode } from './errors.js'
export { EgressBlockedError, EgressGuardError, EgressPolicyError } from './errors.js'
export type { EgressGuard, EgressGuardOptions, GuardMode } from './guard.js'
export { egressGuard, withEgressGuard } from './guard.js'
// For tools that start processes under the guard (the CLI's `run`): the NODE_OPTIONS that load the
// preload, and what a command line tells the guard (is it Node; which URLs does it name).
export { isNodeProgram, type NamedUrl, urlsIn as urlsInCommandLine } from './patches/child/command.js'
export { createPolicy } from './policy/create-policy.js'
export { normaliseHost } from './policy/host-form.js'
export { isLoopbackAddress } from './policy/loopback.js'
export type { Decision, Destination, Policy, PolicyOptions } from './policy/types.js'
export type {
  EgressAttempt,
  EgressDestination,
  EgressProtocol,
  EgressReportJSON,
  EgressVerdict,
} from './report.js'
export { destinationKey, EgressReport } from './report.js'
// The report file (ADR 0015), the one format every writer uses: the preload, `egress-guard run`,
// the Vitest reporter. `buildReportFile` makes a document, `appendToReportFile` merges one writer's
// part into a file under its lock, `readReportFile`/`parseReportFile` validate one.
export {
  appendToReportFile,
  buildReportFile,
  type EgressReportFile,
  type FileAttempt,
  parseReportFile,
  type ReportContribution,
  ReportFileError,
  type ReportProcess,
  readReportFile,
  type UnguardedChild,
} from './report-file.js'
export { nodeOptionsWithPreload } from './runtime/preload-path.js'
