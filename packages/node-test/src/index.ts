/**
 * `@egress-guard/node-test`: `node --test --import @egress-guard/node-test` gates every test of
 * every test file (each runs in its own process under `--test`); test files import the per-test API
 * from here. Loading this module twice (the preload and a test file's import) installs the gate once.
 */
import { installNodeTestGate } from './install.js'

export { allowEgress, egressReport, recordEgress } from '@egress-guard/gate'
export { EgressBaselineError, EgressBlockedError, EgressPolicyError } from 'egress-guard'

installNodeTestGate()
