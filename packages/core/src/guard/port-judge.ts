/**
 * What a patch point sees of a guard scope: the judge in force (ADR 0021, issue 13). Kept apart
 * from port.ts so that the scope can implement it without importing the guard's state.
 */
import type { EgressBlockedError } from '../errors.js'
import type { Decision, Destination } from '../policy/types.js'
import type { EgressAttempt, EgressAttemptListener } from '../report-types.js'
import type { CallSite } from './call-site.js'
import type { AttemptInput, Verdict } from './judge.js'
import type { NameAnswer } from './name-answer.js'

export interface Judge {
  readonly mode: 'block' | 'record'
  /** True once the scope has ended: a judge kept by a connection must stop judging. */
  readonly disposed: boolean
  /** The allow rules in force, as written. */
  readonly rules: readonly string[]
  /** `'resolve'` when names are resolved and judged by address (`dns` option). */
  readonly dns: 'judge' | 'resolve'
  /** True when a rule has a path prefix: only then can a request's path change a decision. */
  readonly hasUrlRules: boolean
  decide(destination: Destination): Decision
  /** The decision for a DNS lookup of `name` (a rule on any port covers it). */
  decideLookup(name: string): Decision
  /** Who may answer `name` before a connection uses it: DNS, the hosts file, or nobody. */
  answerName(name: string, port: number | undefined, decision: Decision): NameAnswer
  /** Whether an attempt decided so should carry the caller's stack (the `stacks` option). */
  wantsStack(decision: Decision): boolean
  /**
   * Whether a request to `url` should carry the caller's stack: under `stacks: 'all'`, or when it
   * is not admitted before any DNS (a violation may follow).
   */
  wantsStackForUrl(url: URL): boolean
  /**
   * Record an attempt in this scope and every enclosing one; in block mode a refusal comes back
   * with the error to fail it with. `dialledAddress` replaces `input.address` (the handle layer).
   */
  record(input: AttemptInput, decision: Decision, callSite?: CallSite, dialledAddress?: string): Verdict
  /** The error a recorded refusal failed (or would fail) with. */
  errorFor(attempt: EgressAttempt): EgressBlockedError
  /** Listen to every attempt recorded in this scope from now on; returns the unsubscribe. */
  onAttempt(listener: EgressAttemptListener): () => void
}
