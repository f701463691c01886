/**
 * `@egress-guard/jest`: the per-test API for test files, the same functions as every runner's
 * (`@egress-guard/gate`), loaded in the worker's real context where the setup file's gate lives.
 */
import type * as Gate from '@egress-guard/gate' with { 'resolution-mode': 'import' }

import nodeRequire = require('./node-require.cjs')

const gate = nodeRequire(__filename)('@egress-guard/gate') as typeof Gate

/** Admit more destinations for the running test (in the test or its beforeEach/afterEach hooks). */
const allowEgress: typeof Gate.allowEgress = (...rules) => gate.allowEgress(...rules)
/** Switch the running test to record mode; returns its report. */
const recordEgress: typeof Gate.recordEgress = () => gate.recordEgress()
/** The running test's report. */
const egressReport: typeof Gate.egressReport = () => gate.egressReport()

export = { allowEgress, recordEgress, egressReport }
