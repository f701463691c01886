/**
 * Judging one attempt: ask the scope's policy, record the attempt in the scope's report and in every
 * enclosing scope's report, and build the error to fail it with in block mode. Record first, then fail.
 */
import { EgressBlockedError } from '../errors.js'
import type { Decision, Destination, Policy } from '../policy/types.js'
import type { EgressAttempt, EgressProtocol } from '../report-types.js'
import type { CallSite } from './call-site.js'
import { currentTestName } from './test-name.js'

/** What recording needs of a scope (a GuardScope is one). */
export interface RecordingScope {
  readonly mode: 'block' | 'record'
  readonly policy: Policy
  readonly report: { add(attempt: EgressAttempt): void }
  readonly parent: RecordingScope | undefined
}

export interface AttemptInput extends Destination {
  protocol: EgressProtocol
  method?: string | undefined
}

export interface Verdict {
  attempt: EgressAttempt
  /** Set in block mode when the policy refused: fail the connection with it. */
  error: EgressBlockedError | undefined
}

let lastMillis = -1
let lastIso = ''
let lastSecond = -1
let secondPrefix = ''

/**
 * The current time in ISO 8601. `toISOString()` costs ten times `Date.now()`, so it runs once per
 * second for the `YYYY-MM-DDTHH:MM:SS.` prefix, and the milliseconds are appended to it.
 */
function isoNow(): string {
  const millis = Date.now()
  if (millis === lastMillis) return lastIso
  const second = Math.floor(millis / 1000)
  if (second !== lastSecond) {
    lastSecond = second
    secondPrefix = new Date(second * 1000).toISOString().slice(0, 20)
  }
  const ms = millis - second * 1000
  lastMillis = millis
  lastIso = `${secondPrefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`
  return lastIso
}

/**
 * Record the attempt that `decision` decided, in `scope` and its ancestors. `dialledAddress`, when
 * given, is the address actually dialled and replaces `input.address` (saving the TCP handle a copy
 * of the input per connection).
 */
export function recordAttempt(
  scope: RecordingScope,
  input: AttemptInput,
  decision: Decision,
  callSite: CallSite | undefined,
  dialledAddress?: string,
): Verdict {
  const verdict = decision.allowed ? 'allowed' : scope.mode === 'block' ? 'blocked' : 'recorded'
  const attempt: EgressAttempt = { protocol: input.protocol, verdict, reason: decision.reason, timestamp: '' }
  if (input.path) attempt.path = input.path
  if (input.host !== undefined) attempt.host = input.host
  if (input.port !== undefined) attempt.port = input.port
  const address = dialledAddress ?? input.address
  if (address !== undefined) attempt.address = address
  if (input.url !== undefined) attempt.url = input.url
  if (input.method !== undefined) attempt.method = input.method
  if (decision.rule !== undefined) attempt.rule = decision.rule
  if (callSite) defineLazyStack(attempt, callSite)
  const test = currentTestName()
  if (test !== undefined) attempt.test = test
  attempt.timestamp = isoNow()

  for (let s: RecordingScope | undefined = scope; s; s = s.parent) s.report.add(attempt)

  let error: EgressBlockedError | undefined
  if (verdict === 'blocked') {
    error = new EgressBlockedError(
      { ...input, address },
      decision.reason,
      scope.policy.rules,
      scope.policy.suggestRule({ ...input, address }),
      scope.policy.allowLoopback,
    )
  }
  return { attempt, error }
}

/**
 * `attempt.stack` is formatted from the captured frames only when first read (by a report, a
 * reporter, JSON.stringify or a spread): formatting a V8 stack costs more than the connection's
 * own bookkeeping, and most allowed attempts are never looked at.
 */
function defineLazyStack(attempt: EgressAttempt, callSite: CallSite): void {
  Object.defineProperty(attempt, 'stack', {
    enumerable: true,
    configurable: true,
    get() {
      const frame = callSite.frames()
      Object.defineProperty(attempt, 'stack', {
        value: frame,
        enumerable: frame !== undefined,
        writable: true,
        configurable: true,
      })
      return frame
    },
    set(value: string | undefined) {
      Object.defineProperty(attempt, 'stack', { value, enumerable: true, writable: true, configurable: true })
    },
  })
}
