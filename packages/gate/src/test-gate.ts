/**
 * Opening and closing the gate of one test, whatever the runner. A sequential test's gate is a
 * process-wide scope, innermost of the global scopes, so that an `egressGuard()` the test opens
 * nests inside it; a concurrent test's gate is made current for its async context by the runner
 * (`runConcurrentTest`), so concurrent tests never see each other's allowances.
 */
import { openEgressScope } from 'egress-guard'
import { type EgressFailure, failureError, failuresOf } from './failures.js'
import { knownDestinations } from './known-destinations.js'
import type { TestRecord } from './records.js'
import { type GateRuntime, gateRuntime, type TestGate } from './runtime.js'
import type { GateSettings } from './settings.js'

export interface TestIdentity {
  /** Full name: describe blocks and title joined by ` > `. */
  test: string
  file: string
  /** The enclosing suites, outermost first, whose once-hook allowances the test inherits. */
  suites?: readonly object[] | undefined
  /** Project name for the baseline and the report; `default` when unset. */
  project?: string | undefined
}

/** The settings in force in this process; a runner sets them with `useSettings()` before any test. */
export function gateSettings(runtime: GateRuntime = gateRuntime()): GateSettings {
  if (!runtime.settings) throw new Error('egress-guard: the test gate is not set up in this process')
  return runtime.settings
}

export function useSettings(settings: GateSettings): void {
  gateRuntime().settings = settings
}

/** Open the gate of one test; `undefined` when the guard is off. `concurrent` leaves it to `runConcurrentTest`. */
export function openTestGate(identity: TestIdentity, concurrent = false): TestGate | undefined {
  const runtime = gateRuntime()
  const settings = gateSettings(runtime)
  if (settings.mode === 'off') return undefined
  const inherited = (identity.suites ?? []).flatMap((suite) => runtime.suiteAllowances.get(suite) ?? [])
  const scope = openEgressScope({
    mode: settings.mode,
    allow: [...settings.allow, ...inherited],
    allowLoopback: settings.allowLoopback,
    label: identity.test,
  })
  if (!scope) return undefined
  const gate: TestGate = { scope, test: identity.test, file: identity.file, recordedByTest: false }
  if (!concurrent) {
    scope.enterGlobally()
    runtime.sequential.push(gate)
  }
  return gate
}

/** Run a concurrent test's body with its gate current in that async context only. */
export function runConcurrentTest<T>(gate: TestGate, fn: () => T): T {
  return gate.scope.run(() => gateRuntime().concurrent.run(gate, fn))
}

export interface ClosedGate {
  /** What goes to the report (state filled in by the caller if the runner knows it). */
  record: TestRecord
  failures: EgressFailure[]
  /** The error that fails the test, if its attempts must. */
  error: Error | undefined
}

/**
 * The failures of a gate that is still open: what closing it now would fail the test with. A runner
 * that fails tests from the test body (Mocha, where a failing afterEach skips the rest of the
 * suite) checks this when the body ends, and closes the gate later.
 */
export function openGateFailures(gate: TestGate, project = 'default'): Error | undefined {
  const settings = gateSettings()
  return failureOf(settings, ownFailures(settings, gate, project), project)
}

function ownFailures(settings: GateSettings, gate: TestGate, project: string): EgressFailure[] {
  // Only the gate's own verdicts fail the test: a scope the test opened inside it answers for its own.
  const own = gate.scope.report.attempts.filter((attempt) => gate.scope.decidedHere(attempt))
  if (gate.recordedByTest)
    return failuresOf(
      own.filter((a) => a.verdict === 'blocked'),
      undefined,
    )
  return failuresOf(own, knownDestinations(settings, project))
}

/** Close the gate; its attempts become the test's record and, where they must, its failure. */
export function closeTestGate(gate: TestGate, project = 'default'): ClosedGate {
  const runtime = gateRuntime()
  const settings = gateSettings(runtime)
  gate.scope.close()
  const index = runtime.sequential.lastIndexOf(gate)
  if (index !== -1) runtime.sequential.splice(index, 1)
  const judged = gate.scope.report.attempts
  const failures = ownFailures(settings, gate, project)
  const record: TestRecord = {
    version: 1,
    project,
    file: gate.file,
    test: gate.test,
    mode: gate.scope.mode,
    attempts: judged.map((attempt) => ({ ...attempt })),
    failures,
  }
  return { record, failures, error: failureOf(settings, failures, project) }
}

export function failureOf(
  settings: GateSettings,
  failures: readonly EgressFailure[],
  project: string,
): Error | undefined {
  if (failures.length === 0) return undefined
  return failureError(failures, settings.baseline ? { file: settings.baseline, project } : undefined)
}
