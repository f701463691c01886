/**
 * `@egress-guard/gate`: the per-test gate every test-runner integration shares (ADR 0022). A runner
 * package maps its hooks onto these calls; it never re-implements scopes, failures or the report.
 */
export { allowEgress, egressReport, recordEgress } from './api.js'
export {
  EgressConfigError,
  type EgressGuardConfig,
  type LoadedConfig,
  loadConfigFile,
} from './config-file.js'
export {
  type BaselinePlace,
  type EgressFailure,
  failureError,
  failureMessage,
  failuresOf,
} from './failures.js'
export { closeFileGate, openFileGate } from './file-gate.js'
export { knownDestinations, loadBaseline } from './known-destinations.js'
export { appendRecords, readRecords, recordsDir, removeRecords, type TestRecord } from './records.js'
export type { DestinationSummary, FileEgress, RunEgress, TestEgress } from './report/collect.js'
export { collectRun } from './report/collect.js'
export {
  type EgressRunReport,
  type FinishRunOptions,
  finishRun,
  writeRunReport,
} from './report/finish-run.js'
export { formatAnnotations, formatSummary } from './report/output.js'
export { currentTestGate, type FileGate, type GateRuntime, gateRuntime, type TestGate } from './runtime.js'
export {
  type GateMode,
  type GateOptions,
  type GateSettings,
  isUpdateRequested,
  parseAllowList,
  parseMode,
  type ResolveSettingsInput,
  resolveSettings,
} from './settings.js'
export {
  type ClosedGate,
  closeTestGate,
  gateSettings,
  openGateFailures,
  openTestGate,
  runConcurrentTest,
  type TestIdentity,
  useSettings,
} from './test-gate.js'
