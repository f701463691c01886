/**
 * The per-test API every runner package re-exports: `allowEgress()` widens the policy for the
 * running test (or, from a describe's once-hook where the runner can tell which describe, for every
 * test in it), `recordEgress()` switches the running test to record mode, `egressReport()` returns
 * the running test's report. Each finds the test through its gate, never through the runner.
 */
import { createPolicy, type EgressReport } from 'egress-guard'
import { currentTestGate, gateRuntime, type TestGate } from './runtime.js'

export function allowEgress(...rules: string[]): void {
  // A bad rule throws EgressPolicyError naming it, before anything changes.
  createPolicy({ allow: rules })
  const runtime = gateRuntime()
  if (!runtime.settings || runtime.settings.mode === 'off') return
  const gate = currentTestGate()
  if (gate) {
    gate.scope.widen(rules)
    return
  }
  const suite = runtime.runningSuite
  if (!suite) {
    throw new Error(
      'egress-guard: allowEgress() must be called in a test or its beforeEach/afterEach hooks' +
        ' (or, where the runner supports it, in a describe block’s before/after hook)',
    )
  }
  runtime.suiteAllowances.set(suite, [...(runtime.suiteAllowances.get(suite) ?? []), ...rules])
  runtime.fileGate?.scope.widen(rules)
}

/** Switch the running test to record mode and return its report (every attempt so far and from now on). */
export function recordEgress(): EgressReport {
  const gate = requireGate('recordEgress')
  gate.scope.setMode('record')
  gate.recordedByTest = true
  return gate.scope.report
}

/** The running test's report: every attempt judged in this test so far. */
export function egressReport(): EgressReport {
  return requireGate('egressReport').scope.report
}

function requireGate(name: string): TestGate {
  const gate = currentTestGate()
  if (gate) return gate
  const settings = gateRuntime().settings
  if (!settings) throw new Error(`egress-guard: ${name}() needs the runner integration loaded (see docs)`)
  throw new Error(
    settings.mode === 'off'
      ? `egress-guard: ${name}() has no test gate because the guard is off (EGRESS_GUARD_MODE=off)`
      : `egress-guard: ${name}() must be called inside a test or its beforeEach/afterEach hooks`,
  )
}
