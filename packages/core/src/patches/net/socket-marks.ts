/** What the socket layer leaves on a socket it judged, for the handle layer and the HTTP layer. */
import type { AttemptInput, CallSite, EgressAttempt, Judge } from '../../guard/port.js'
import type { Decision } from '../../policy/types.js'

/**
 * The judgement rides on the socket under a `Symbol.for` key (shared by every loaded copy), set by
 * plain assignment: every guarded socket takes the same hidden-class transition, which V8 caches,
 * where a WeakMap entry per socket cost measurably more (ephemeron bookkeeping in the GC).
 */
const kJudgement = Symbol.for('egress-guard.judgement.v1')

export interface SocketJudgement {
  scope: Judge
  input: AttemptInput
  /** Captured only where a violation is possible (see the `stacks` option). */
  callSite: CallSite | undefined
  /** The decision already made for an IP literal host: the handle reuses it for that address. */
  literal?: { address: string; decision: Decision }
  /** Decisions already made per DNS answer: the handle reuses them. */
  decided?: Map<string, Decision>
  /** The attempts recorded for this connection (one per address actually tried), enriched later by the HTTP layer. */
  attempts: EgressAttempt[]
  /**
   * Record mode: the attempt recorded before DNS for a name no rule covers; the handle layer gives
   * it the address dialled instead of recording a second attempt.
   */
  pending?: EgressAttempt | undefined
  /** HTTP requests this connection has carried (the first one enriches its attempts). */
  requests: number
}

/**
 * The socket the socket layer judged last. node:http publishes `http.client.request.created` right
 * after the request's connection was opened (synchronously, in the same call), so the HTTP layer can
 * tell a request that opened its own connection (judged here) from one sent on a pooled one.
 */
let lastJudged: object | undefined

export function lastJudgedSocket(): object | undefined {
  return lastJudged
}

export function judgementOf(socket: object | undefined | null): SocketJudgement | undefined {
  return socket ? (socket as Record<symbol, SocketJudgement | undefined>)[kJudgement] : undefined
}

export function markJudged(socket: object, judgement: SocketJudgement): void {
  ;(socket as Record<symbol, SocketJudgement>)[kJudgement] = judgement
  lastJudged = socket
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
