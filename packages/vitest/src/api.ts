/**
 * The per-test API: `allowEgress()` widens the policy for the running test (or, from a describe's
 * `beforeAll`, for every test in that describe), `recordEgress()` switches the running test to
 * record mode and returns its report to assert on. Both find the test through its gate, which is
 * async-context scoped for concurrent tests, so concurrent tests never see each other's rules.
 */
import { createPolicy, type EgressReport } from 'egress-guard'
import { runningSuites } from './worker/running-suite.js'
import { currentGate, workerState } from './worker/state.js'

/**
 * Admit more destinations: in a test or its `beforeEach`/`afterEach` hooks, for that test only; in a
 * describe's `beforeAll`, for every test in that describe (and the file's hooks from then on).
 * A bad rule throws `EgressPolicyError` naming it.
 */
export function allowEgress(...rules: string[]): void {
  createPolicy({ allow: rules })
  const state = workerState()
  if (!state.settings || state.settings.mode === 'off') return
  const gate = currentGate()
  if (gate) {
    gate.scope.widen(rules)
    return
  }
  const fileGate = state.fileGate
  const running = fileGate?.file ? runningSuites(fileGate.file) : []
  if (!fileGate || running.length === 0) {
    throw new Error(
      'egress-guard: allowEgress() must be called in a test, in a beforeEach/afterEach hook, or in a ' +
        "describe's beforeAll/afterAll hook (a describe body runs while tests are collected, before any hook)",
    )
  }
  if (running.length > 1) {
    throw new Error(
      `egress-guard: allowEgress() cannot tell which describe it belongs to: beforeAll/afterAll hooks of ${running
        .map((r) => JSON.stringify(r.suite.name))
        .join(', ')} run at the same time. Call it inside the tests instead.`,
    )
  }
  const { suite, hook } = running[0] as (typeof running)[number]
  if (hook === 'beforeAll')
    state.suiteAllowances.set(suite, [...(state.suiteAllowances.get(suite) ?? []), ...rules])
  fileGate.extraRules.push(...rules)
  fileGate.scope?.widen(rules)
}

/**
 * Switch the running test to record mode: disallowed connections go through and are recorded, and
 * do not fail the test. Returns the test's report (every attempt so far and from now on).
 */
export function recordEgress(): EgressReport {
  const gate = requireGate('recordEgress')
  gate.scope.setMode('record')
  gate.recordedByTest = true
  return gate.scope.report
}

/** The running test's report: every connection attempt judged in this test so far. */
export function egressReport(): EgressReport {
  return requireGate('egressReport').scope.report
}

function requireGate(name: string) {
  const gate = currentGate()
  if (gate) return gate
  const settings = workerState().settings
  if (!settings) {
    throw new Error(
      `egress-guard: ${name}() needs the setup file: add the egressGuard() plugin or '@egress-guard/vitest/setup' to setupFiles`,
    )
  }
  throw new Error(
    settings.mode === 'off'
      ? `egress-guard: ${name}() has no test gate because the guard is off (EGRESS_GUARD_MODE=off)`
      : `egress-guard: ${name}() must be called inside a test or its beforeEach/afterEach hooks`,
  )
}
