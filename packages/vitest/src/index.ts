/**
 * `@egress-guard/vitest`: the plugin for vitest.config.ts and the per-test API for test files.
 * Worker side: `@egress-guard/vitest/setup`; main side: `@egress-guard/vitest/reporter`.
 */

export { EgressBaselineError } from 'egress-guard'
export { allowEgress, egressReport, recordEgress } from './api.js'
export type { EgressGuardPluginOptions, VitestGuardMode } from './config.js'
export type { EgressFailure, EgressTaskMeta } from './meta.js'
export { egressMetaOf } from './meta.js'
export type { EgressGuardPlugin } from './plugin.js'
export { egressGuard, nativeModulePatterns, setupFile } from './plugin.js'
