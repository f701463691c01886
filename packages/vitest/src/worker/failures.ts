/**
 * Which attempts fail a test, and the error that says so. Record first, then fail: a connection the
 * code under test made and whose error it swallowed is still in the gate's report, so the test
 * fails here with the destination and the line that opened it.
 */
import { destinationKey, type EgressAttempt } from 'egress-guard'
import type { EgressFailure } from '../meta.js'

export interface FailureCheck {
  /** Recorded attempts are checked against the baseline (record mode with a baseline, not updating). */
  known: ReadonlySet<string> | undefined
}

/** One failure per destination, in the order first seen. */
export function failuresOf(attempts: readonly EgressAttempt[], check: FailureCheck): EgressFailure[] {
  const failures = new Map<string, EgressFailure>()
  for (const attempt of attempts) {
    const destination = destinationKey(attempt)
    if (failures.has(destination)) continue
    if (attempt.verdict === 'blocked') {
      failures.set(destination, { destination, kind: 'blocked', stack: attempt.stack })
    } else if (attempt.verdict === 'recorded' && check.known && !check.known.has(destination)) {
      failures.set(destination, { destination, kind: 'new-destination', stack: attempt.stack })
    }
  }
  return [...failures.values()]
}

export interface FailureContext {
  /** Where `new-destination` failures should be added: the baseline file and project. */
  baseline?: { file: string; project: string } | undefined
}

/** The error that fails the task; its stack points at the first offending user frame. */
export function failureError(failures: readonly EgressFailure[], context: FailureContext): Error {
  const blocked = failures.filter((f) => f.kind === 'blocked')
  const fresh = failures.filter((f) => f.kind === 'new-destination')
  const lines: string[] = []
  if (blocked.length) {
    lines.push(
      `egress-guard: ${plural(blocked.length, 'connection')} to a destination the policy does not allow ` +
        '(failed even if the code under test caught the error):',
      ...blocked.map(describe),
      `To allow it in this test: allowEgress(${blocked.map((f) => JSON.stringify(f.destination)).join(', ')})`,
    )
  }
  if (fresh.length) {
    const where = context.baseline
      ? `${context.baseline.file} (project ${JSON.stringify(context.baseline.project)})`
      : 'the baseline'
    lines.push(
      `egress-guard: ${plural(fresh.length, 'new egress destination')} not in ${where}:`,
      ...fresh.map(describe),
      'Review them, then accept with EGRESS_GUARD_UPDATE=1 (rewrites the baseline).',
    )
  }
  const error = new Error(lines.join('\n'))
  error.name = 'EgressGuardTestError'
  const frame = failures.find((f) => f.stack)?.stack
  error.stack = `${error.name}: ${error.message}${frame ? `\n    at ${frame}` : ''}`
  return error
}

function describe(failure: EgressFailure): string {
  return `  - ${failure.destination}${failure.stack ? ` at ${failure.stack}` : ''}`
}

function plural(count: number, noun: string): string {
  return count === 1 ? `1 ${noun}` : `${count} ${noun}s`
}
