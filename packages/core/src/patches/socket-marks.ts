/** What the socket layer leaves on a socket it judged, for the handle layer and the HTTP layer. */
import type { CallSite } from '../guard/call-site.js'
import type { AttemptInput } from '../guard/judge.js'
import type { GuardScope } from '../guard/scope.js'
import type { Decision } from '../policy/types.js'
import type { EgressAttempt } from '../report.js'

/**
 * The judgement rides on the socket under a `Symbol.for` key (shared by every loaded copy), set by
 * plain assignment: every guarded socket takes the same hidden-class transition, which V8 caches,
 * where a WeakMap entry per socket cost measurably more (ephemeron bookkeeping in the GC).
 */
const kJudgement = Symbol.for('egress-guard.judgement.v1')

export interface SocketJudgement {
  scope: GuardScope
  input: AttemptInput
  /** Captured only where a violation is possible (see the `stacks` option). */
  callSite: CallSite | undefined
  /** The decision already made for an IP literal host: the handle reuses it for that address. */
  literal?: { address: string; decision: Decision }
  /** Decisions already made per DNS answer: the handle reuses them. */
  decided?: Map<string, Decision>
  /** The attempts recorded for this connection (one per address actually tried), enriched later by the HTTP layer. */
  attempts: EgressAttempt[]
}

export function judgementOf(socket: object | undefined | null): SocketJudgement | undefined {
  return socket ? (socket as Record<symbol, SocketJudgement | undefined>)[kJudgement] : undefined
}

export function markJudged(socket: object, judgement: SocketJudgement): void {
  ;(socket as Record<symbol, SocketJudgement>)[kJudgement] = judgement
}

/** The decision the socket layer already made for `address`, if it made one. */
export function decisionMadeFor(
  judgement: SocketJudgement | undefined,
  address: string,
): Decision | undefined {
  if (!judgement) return undefined
  const literal = judgement.literal
  return literal && literal.address === address ? literal.decision : judgement.decided?.get(address)
}

/** Fail a socket the way Node fails a connect: asynchronously, with an 'error' then 'close'. */
export function failSocket(socket: { destroy(error?: Error): unknown }, error: Error): void {
  process.nextTick(() => socket.destroy(error))
}
