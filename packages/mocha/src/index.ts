/**
 * `@egress-guard/mocha`: `mocha --require @egress-guard/mocha` gates every test, in serial and
 * `--parallel` runs. Mocha reads `mochaHooks` (root hooks, in every process that runs tests) and
 * `mochaGlobalSetup`/`mochaGlobalTeardown` (once, in the main process) from this module; test files
 * import the per-test API from it.
 */
export { allowEgress, egressReport, recordEgress } from '@egress-guard/gate'
export { EgressBaselineError, EgressBlockedError, EgressPolicyError } from 'egress-guard'
export { mochaGlobalSetup, mochaGlobalTeardown } from './global-fixtures.js'
export { mochaHooks } from './root-hooks.js'
