/**
 * `@egress-guard/jest` for ES module test files (and tools that import it): the same functions as
 * index.cts, loaded the same way, so that they find the gate the setup file installed.
 */
import { fileURLToPath } from 'node:url'
import type * as Gate from '@egress-guard/gate'
import nodeRequire from './node-require.cjs'

const gate = nodeRequire(fileURLToPath(import.meta.url))('@egress-guard/gate') as typeof Gate

/** Admit more destinations for the running test (in the test or its beforeEach/afterEach hooks). */
export const allowEgress: typeof Gate.allowEgress = (...rules) => gate.allowEgress(...rules)
/** Switch the running test to record mode; returns its report. */
export const recordEgress: typeof Gate.recordEgress = () => gate.recordEgress()
/** The running test's report. */
export const egressReport: typeof Gate.egressReport = () => gate.egressReport()
