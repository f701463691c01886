/**
 * What a run's attempts mean for a baseline: the destinations each project reached without an allow
 * rule, those the baseline does not know yet, and the baseline rewritten from the run. Used by
 * `egress-guard diff` / `baseline update` and by the Vitest reporter under `EGRESS_GUARD_UPDATE=1`.
 */
import { type Baseline, DEFAULT_PROJECT } from './baseline.js'
import { destinationKey, type EgressAttempt } from './report.js'

/** An attempt and the project it belongs to (Vitest reports carry one; other reports use `default`). */
export type ProjectAttempt = EgressAttempt & { project?: string }

/** The baseline destinations of a set of attempts: those no allow rule admitted. */
export function baselineDestinations(attempts: readonly ProjectAttempt[]): Baseline {
  const byProject: Baseline = new Map()
  for (const attempt of attempts) {
    if (attempt.verdict === 'allowed') continue
    const project = attempt.project || DEFAULT_PROJECT
    let set = byProject.get(project)
    if (!set) {
      set = new Set()
      byProject.set(project, set)
    }
    set.add(destinationKey(attempt))
  }
  return byProject
}

/** Destinations in `attempts` that the baseline does not list for their project, sorted. */
export function newDestinations(baseline: Baseline, attempts: readonly ProjectAttempt[]): string[] {
  const fresh = new Set<string>()
  for (const [project, destinations] of baselineDestinations(attempts)) {
    const known = baseline.get(project) ?? new Set<string>()
    for (const destination of destinations) if (!known.has(destination)) fresh.add(destination)
  }
  return [...fresh].sort()
}

/**
 * Each project that ran (`ran`, or seen in `attempts`) gets exactly its destinations; projects that
 * did not run keep theirs.
 */
export function updatedBaseline(
  baseline: Baseline,
  attempts: readonly ProjectAttempt[],
  ran: readonly string[],
): Baseline {
  const next: Baseline = new Map(baseline)
  for (const project of ran) next.set(project, new Set())
  for (const [project, destinations] of baselineDestinations(attempts)) next.set(project, destinations)
  return next
}
