/**
 * The file gate guards code that runs outside any test: the test file's imports and its
 * `beforeAll`/`afterAll`/`aroundEach` hooks. It stays open for the whole file, so the patches are
 * installed once per file; each test's gate nests inside it and answers for the test's attempts.
 */
import { openEgressScope } from 'egress-guard'
import type { GateSettings } from '../config.js'
import { writeEgressMeta } from '../meta.js'
import { failureError, failuresOf } from './failures.js'
import { knownDestinations, projectOf } from './known-destinations.js'
import { type FileGate, type TaskLike, workerState } from './state.js'

/** Open the gate when the setup file loads, before the test file is imported; its task comes with `beforeAll`. */
export function openFileGate(settings: GateSettings): FileGate {
  const state = workerState()
  // A previous file in this worker (isolate: false) that never reached its afterAll: end its gate.
  state.fileGate?.scope?.close()
  // From the second file in a reused worker on, keep the patches installed between files.
  if (++state.filesStarted > 1 && !state.anchor && settings.mode !== 'off') {
    state.anchor = openEgressScope({
      mode: settings.mode,
      allow: settings.allow,
      allowLoopback: settings.allowLoopback,
    })
    state.anchor?.enterGlobally()
  }
  const gate: FileGate = { file: undefined, scope: undefined, extraRules: [], scopes: [] }
  state.fileGate = gate
  startFileGateScope(settings, gate)
  return gate
}

function endFileGateScope(gate: FileGate): void {
  gate.scope?.close()
  gate.scope = undefined
}

function startFileGateScope(settings: GateSettings, gate: FileGate): void {
  if (gate.scope || settings.mode === 'off') return
  const scope = openEgressScope({
    mode: settings.mode,
    allow: [...settings.allow, ...gate.extraRules],
    allowLoopback: settings.allowLoopback,
  })
  if (!scope) return
  scope.enterGlobally()
  gate.scope = scope
  gate.scopes.push(scope)
}

/** Close the gate for good; attempts made outside tests go to the file's meta. */
export function closeFileGate(settings: GateSettings, gate: FileGate, file: TaskLike): Error | undefined {
  endFileGateScope(gate)
  if (workerState().fileGate === gate) workerState().fileGate = undefined
  // Concurrent tests' gates nest in the file gate: their attempts carry a test name and are theirs.
  const attempts = gate.scopes.flatMap((g) => g.report.attempts.filter((a) => a.test === undefined))
  const own = gate.scopes.flatMap((g) =>
    g.report.attempts.filter((a) => a.test === undefined && g.decidedHere(a)),
  )
  const failures = failuresOf(own, { known: knownDestinations(settings, file) })
  writeEgressMeta(file.meta, {
    version: 1,
    mode: settings.mode === 'record' ? 'record' : 'block',
    attempts: attempts.map((a) => ({ ...a })),
    failures,
  })
  if (failures.length === 0) return undefined
  const baseline = settings.baseline ? { file: settings.baseline, project: projectOf(file) } : undefined
  return failureError(failures, { baseline })
}
