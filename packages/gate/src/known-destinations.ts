/** The baseline's destinations for a project, when this run checks recorded attempts against it. */
import { readBaseline } from 'egress-guard'
import { gateRuntime } from './runtime.js'
import type { GateSettings } from './settings.js'

/** Parse the baseline once per process; throws `EgressBaselineError` naming the file when it is malformed. */
export function loadBaseline(settings: GateSettings): void {
  if (!settings.baseline) return
  const { baselines } = gateRuntime()
  if (!baselines.has(settings.baseline)) baselines.set(settings.baseline, readBaseline(settings.baseline))
}

/**
 * Destinations a recorded attempt may reach without failing the test, or `undefined` when recorded
 * attempts are not checked (no baseline, block mode, or `EGRESS_GUARD_UPDATE=1`).
 */
export function knownDestinations(settings: GateSettings, project: string): ReadonlySet<string> | undefined {
  if (!settings.baseline || settings.update || settings.mode !== 'record') return undefined
  loadBaseline(settings)
  return gateRuntime().baselines.get(settings.baseline)?.get(project) ?? new Set()
}
