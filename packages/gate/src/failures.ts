/**
 * Which attempts fail a test, and the error that says so. Record first, then fail: a connection the
 * code under test made and whose error it swallowed is still in the gate's report, so the test
 * fails from the record with the destination, the line that opened it and the rule to add.
 */
import { destinationKey, type EgressAttempt } from 'egress-guard'

export interface EgressFailure {
  destination: string
  kind: 'blocked' | 'new-destination'
  /** `file:line:column` of the first user stack frame that opened the connection. */
  stack?: string | undefined
}

/** One failure per destination, in the order first seen; recorded ones only when a baseline is checked. */
export function failuresOf(
  attempts: readonly EgressAttempt[],
  known: ReadonlySet<string> | undefined,
): EgressFailure[] {
  const failures = new Map<string, EgressFailure>()
  for (const attempt of attempts) {
    const destination = destinationKey(attempt)
    if (failures.has(destination)) continue
    const kind =
      attempt.verdict === 'blocked'
        ? 'blocked'
        : attempt.verdict === 'recorded' && known && !known.has(destination)
          ? 'new-destination'
          : undefined
    if (kind) failures.set(destination, { destination, kind, stack: attempt.stack })
  }
  return [...failures.values()]
}

/** Where `new-destination` failures are to be accepted: the baseline file and its project. */
export interface BaselinePlace {
  file: string
  project: string
}

/** The message that fails a test (or a file): destinations, their lines, and what to do. */
export function failureMessage(failures: readonly EgressFailure[], baseline?: BaselinePlace): string {
  const blocked = failures.filter((f) => f.kind === 'blocked')
  const fresh = failures.filter((f) => f.kind === 'new-destination')
  const lines: string[] = []
  if (blocked.length) {
    lines.push(
      `egress-guard: ${count(blocked.length, 'connection')} to a destination the policy does not allow ` +
        '(failed even if the code under test caught the error):',
      ...blocked.map(line),
      `To allow it in this test: allowEgress(${blocked.map((f) => JSON.stringify(f.destination)).join(', ')})`,
    )
  }
  if (fresh.length) {
    const where = baseline ? `${baseline.file} (project ${JSON.stringify(baseline.project)})` : 'the baseline'
    lines.push(
      `egress-guard: ${count(fresh.length, 'new egress destination')} not in ${where}:`,
      ...fresh.map(line),
      'Review them, then accept with EGRESS_GUARD_UPDATE=1 (rewrites the baseline).',
    )
  }
  return lines.join('\n')
}

/** The error that fails the test; its stack points at the first offending user frame. */
export function failureError(failures: readonly EgressFailure[], baseline?: BaselinePlace): Error {
  const error = new Error(failureMessage(failures, baseline))
  error.name = 'EgressGuardTestError'
  const frame = failures.find((f) => f.stack)?.stack
  error.stack = `${error.name}: ${error.message}${frame ? `\n    at ${frame}` : ''}`
  return error
}

function line(failure: EgressFailure): string {
  return `  - ${failure.destination}${failure.stack ? ` at ${failure.stack}` : ''}`
}

function count(n: number, noun: string): string {
  return n === 1 ? `1 ${noun}` : `${n} ${noun}s`
}
