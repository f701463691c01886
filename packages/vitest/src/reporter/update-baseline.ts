/**
 * `EGRESS_GUARD_UPDATE=1`: rewrite the baseline from this run. Every project that ran gets exactly
 * the destinations its tests reached without an allow rule admitting them; projects that did not
 * run keep their entries.
 */
import { type Baseline, readBaseline, updatedBaseline, writeBaseline } from 'egress-guard'
import type { RunEgress } from './collect.js'

export function updateBaseline(file: string, run: RunEgress): Baseline {
  const attempts = [...run.tests, ...run.files].flatMap((owner) =>
    owner.attempts.map((attempt) => ({ ...attempt, project: owner.project })),
  )
  const baseline = updatedBaseline(readBaseline(file), attempts, run.projects)
  writeBaseline(file, baseline)
  return baseline
}
