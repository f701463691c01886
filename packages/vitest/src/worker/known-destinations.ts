/** The baseline's destinations for a project, when this run checks recorded attempts against it. */
import { readBaseline } from 'egress-guard'
import type { GateSettings } from '../config.js'
import { type TaskLike, workerState } from './state.js'

/** Baseline key of a task's project (`default` for an unnamed project). */
export function projectOf(task: TaskLike): string {
  const file = task.file ?? task
  return file.projectName || 'default'
}

/** Parse the baseline (once per worker); throws `EgressBaselineError` when it is malformed. */
export function loadBaseline(settings: GateSettings): void {
  if (!settings.baseline) return
  const state = workerState()
  if (!state.baselines.has(settings.baseline))
    state.baselines.set(settings.baseline, readBaseline(settings.baseline))
}

/**
 * Destinations a recorded attempt may reach without failing the test, or `undefined` when recorded
 * attempts are not checked (no baseline, block mode, or `EGRESS_GUARD_UPDATE=1`).
 */
export function knownDestinations(settings: GateSettings, task: TaskLike): ReadonlySet<string> | undefined {
  if (!settings.baseline || settings.update || settings.mode !== 'record') return undefined
  loadBaseline(settings)
  return workerState().baselines.get(settings.baseline)?.get(projectOf(task)) ?? new Set()
}
