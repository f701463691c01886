/** What the socket layer leaves on a socket it judged, for the handle layer and the HTTP layer. */
import type { CallSite } from '../guard/call-site.js'
import type { AttemptInput } from '../guard/judge.js'
import { processWide } from '../guard/process-wide.js'
import type { GuardScope } from '../guard/scope.js'
import type { Decision } from '../policy/types.js'
import type { EgressAttempt } from '../report.js'

/**
 * Judgements by socket, in a WeakMap rather than a property on the socket: adding a symbol property
 * to every socket changes its hidden class and slows Node's own code paths. The map lives on
 * process-wide (see process-wide.ts) so two loaded copies of egress-guard share it.
 */
const judgementMap = processWide('judgements.v1', () => new WeakMap<object, SocketJudgement>())

export interface SocketJudgement {
  scope: GuardScope
  input: AttemptInput
  /** Captured only where a violation is possible (see the `stacks` option). */
  callSite: CallSite | undefined
  /** Decisions already made per address (IP literal, or each DNS answer): the handle reuses them. */
  decided?: Map<string, Decision>
  /** The attempts recorded for this connection (one per address actually tried), enriched later by the HTTP layer. */
  attempts: EgressAttempt[]
}

export function judgementOf(socket: object | undefined | null): SocketJudgement | undefined {
  return socket ? judgementMap.get(socket) : undefined
}

export function markJudged(socket: object, judgement: SocketJudgement): void {
  judgementMap.set(socket, judgement)
}

/** Fail a socket the way Node fails a connect: asynchronously, with an 'error' then 'close'. */
export function failSocket(socket: { destroy(error?: Error): unknown }, error: Error): void {
  process.nextTick(() => socket.destroy(error))
}
