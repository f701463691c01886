/**
 * The per-test gate. A sequential test's gate is a process-wide scope, innermost of the global
 * scopes, so that an `egressGuard()` the test opens nests inside it; a concurrent test's gate is an
 * async-context scope, so that concurrent tests never see each other's allowances.
 */
import { openEgressScope } from 'egress-guard'
import type { GateSettings } from '../config.js'
import { writeEgressMeta } from '../meta.js'
import { failureError, failuresOf } from './failures.js'
import { knownDestinations, projectOf } from './known-destinations.js'
import { type TaskLike, type TestGate, workerState } from './state.js'
import { taskFullName } from './task-name.js'

/** Rules the test inherits: the settings', then each enclosing describe's `beforeAll` allowances, outermost first. */
export function inheritedRules(settings: GateSettings, task: TaskLike): string[] {
  const allowances = workerState().suiteAllowances
  const chain: string[][] = []
  for (let suite = task.suite; suite; suite = suite.suite) chain.unshift(allowances.get(suite) ?? [])
  return [...settings.allow, ...chain.flat()]
}

/** Open the gate of one test; `undefined` when the guard is off. */
export function openTestGate(settings: GateSettings, task: TaskLike, global: boolean): TestGate | undefined {
  if (settings.mode === 'off') return undefined
  const scope = openEgressScope({
    mode: settings.mode,
    allow: inheritedRules(settings, task),
    allowLoopback: settings.allowLoopback,
    label: taskFullName(task),
  })
  if (!scope) return undefined
  if (global) scope.enterGlobally()
  return { scope, task, recordedByTest: false }
}

/**
 * Close the gate, hand its attempts to the reporter through the task's meta, and return the error
 * that fails the test, if its attempts must.
 */
export function closeTestGate(settings: GateSettings, gate: TestGate): Error | undefined {
  gate.scope.close()
  const judged = gate.scope.report.attempts
  const attempts = judged.map((attempt) => ({ ...attempt }))
  // Only the gate's own verdicts fail the test: a scope the test opened inside it answers for its own.
  const own = judged.filter((attempt) => gate.scope.decidedHere(attempt))
  const known = gate.recordedByTest ? undefined : knownDestinations(settings, gate.task)
  const failures = failuresOf(gate.recordedByTest ? own.filter((a) => a.verdict === 'blocked') : own, {
    known,
  })
  writeEgressMeta(gate.task.meta, { version: 1, mode: gate.scope.mode, attempts, failures })
  if (failures.length === 0) return undefined
  const baseline = settings.baseline ? { file: settings.baseline, project: projectOf(gate.task) } : undefined
  return failureError(failures, { baseline })
}
