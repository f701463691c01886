/**
 * The HTTP layer's judgement of one request, and its enrichment of the connection it rides on.
 *
 * The socket layer judges connections (host, port, every resolved address). The HTTP layer adds
 * what only it can see: the method and URL, a URL rule's path prefix, and the real target behind a
 * forward proxy. It records a request only when that adds something, so that one refusal is one
 * attempt: a request whose host the connection-level policy already refuses is left to the socket
 * layer (which records and, in block mode, fails the connection), unless the HTTP layer is about to
 * fail it before any socket exists (undici in block mode).
 */
import { captureCallSite } from '../guard/call-site.js'
import { recordAttempt, type Verdict } from '../guard/judge.js'
import type { GuardScope } from '../guard/scope.js'
import type { Decision } from '../policy/types.js'
import type { RequestTarget } from './http-request-target.js'
import type { SocketJudgement } from './socket-marks.js'

export interface RequestJudgeOptions {
  /** True when a socket for this request already exists and the socket layer judges it (node:http). */
  socketJudged: boolean
}

/**
 * Judge `target`. Returns `'allowed'`, the recorded verdict when this layer records a refusal, or
 * `undefined` when the decision is left to the socket layer (the connection is judged there).
 */
export function judgeRequest(
  scope: GuardScope,
  target: RequestTarget,
  method: string,
  options: RequestJudgeOptions,
): Verdict | 'allowed' | undefined {
  const input = { protocol: 'http' as const, host: target.host, port: target.port, url: target.url, method }
  let decision: Decision = scope.policy.decide(input)
  if (decision.allowed) return 'allowed'
  if (target.proxied) {
    // The proxy resolves the name out of our sight: only a rule naming the target admits it.
    if (decision.needsAddress) decision = { allowed: false, reason: proxiedReason(decision) }
  } else {
    const connection = scope.policy.decide({ host: target.host, port: target.port })
    // Connection allowed, request refused: a URL rule's path prefix. Only this layer can see it.
    // Otherwise the socket layer judges the connection (by address, when the name needs it) and
    // records it, unless this layer is about to fail the request before any socket exists.
    if (!connection.allowed && (connection.needsAddress || options.socketJudged || scope.mode === 'record')) {
      return undefined
    }
  }
  return recordAttempt(scope, input, decision, captureCallSite())
}

function proxiedReason(decision: Decision): string {
  return `${decision.reason.replace(/; its resolved addresses decide$/, '')}, and a proxy resolves it where its addresses cannot be judged`
}

/**
 * Give the connection's attempts (and any it records later) the method and URL of the first
 * request it carries, with protocol `http`.
 */
export function enrichConnection(judgement: SocketJudgement | undefined, url: string, method: string): void {
  if (!judgement || judgement.input.url !== undefined || judgement.input.path) return
  const input = judgement.input
  input.url = url
  input.method = method
  input.protocol = 'http'
  for (const attempt of judgement.attempts) {
    attempt.url ??= url
    attempt.method ??= method
    attempt.protocol = 'http'
  }
}
