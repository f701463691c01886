export { type Baseline, readBaseline, writeBaseline } from './baseline.js'
export { type ProjectAttempt, updatedBaseline } from './baseline-attempts.js'
export { EgressBaselineError } from './baseline-error.js'
export { type EgressScope, type EgressScopeOptions, openEgressScope } from './enter-scope.js'
export type { BlockedDestination, EgressErrorCode } from './errors.js'
export { EgressBlockedError, EgressGuardError, EgressPolicyError } from './errors.js'
export type { EgressGuard, EgressGuardOptions, GuardMode } from './guard.js'
export { egressGuard, withEgressGuard } from './guard.js'
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
