/**
 * The file gate guards code that runs outside any test: a test file's imports and its once-hooks.
 * It is open for the whole file, so the patches are installed once; each test's gate nests in it
 * and answers for the test's attempts.
 */
import { openEgressScope } from 'egress-guard'
import { failuresOf } from './failures.js'
import { knownDestinations } from './known-destinations.js'
import type { TestRecord } from './records.js'
import { type FileGate, gateRuntime } from './runtime.js'
import { type ClosedGate, failureOf, gateSettings } from './test-gate.js'

/** Open the gate of a test file (closing a previous file's that never closed); `undefined` when off. */
export function openFileGate(file: string): FileGate | undefined {
  const runtime = gateRuntime()
  const settings = gateSettings(runtime)
  runtime.fileGate?.scope.close()
  runtime.fileGate = undefined
  if (settings.mode === 'off') return undefined
  const scope = openEgressScope({
    mode: settings.mode,
    allow: settings.allow,
    allowLoopback: settings.allowLoopback,
  })
  if (!scope) return undefined
  scope.enterGlobally()
  runtime.fileGate = { scope, file }
  return runtime.fileGate
}

/** Close the file gate: attempts made outside tests become the file's record (`test` absent). */
export function closeFileGate(gate: FileGate, project = 'default'): ClosedGate {
  const runtime = gateRuntime()
  const settings = gateSettings(runtime)
  gate.scope.close()
  if (runtime.fileGate === gate) runtime.fileGate = undefined
  // Tests' gates nest in the file gate: attempts that carry a test name are the tests'.
  const outside = gate.scope.report.attempts.filter((a) => a.test === undefined)
  const failures = failuresOf(
    outside.filter((a) => gate.scope.decidedHere(a)),
    knownDestinations(settings, project),
  )
  const record: TestRecord = {
    version: 1,
    project,
    file: gate.file,
    test: undefined,
    mode: gate.scope.mode,
    attempts: outside.map((a) => ({ ...a })),
    failures,
  }
  return { record, failures, error: failureOf(settings, failures, project) }
}
