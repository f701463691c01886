/**
 * `EGRESS_GUARD_UPDATE=1`: rewrite the baseline from this run. Every project that ran gets exactly
 * the destinations its tests reached without an allow rule admitting them; projects that did not
 * run keep their entries.
 */
import { destinationKey } from 'egress-guard'
import { type Baseline, readBaseline, writeBaseline } from '../baseline/baseline.js'
import type { RunEgress } from './collect.js'

export function updateBaseline(file: string, run: RunEgress): Baseline {
  const baseline = readBaseline(file)
  for (const project of run.projects) baseline.set(project, new Set())
  for (const owner of [...run.tests, ...run.files]) {
    const set = baseline.get(owner.project) ?? new Set<string>()
    baseline.set(owner.project, set)
    for (const attempt of owner.attempts) if (attempt.verdict !== 'allowed') set.add(destinationKey(attempt))
  }
  writeBaseline(file, baseline)
  return baseline
}
