/**
 * The HTTP layer's judgement of one request, and its enrichment of the connection it rides on.
 *
 * A request is judged under the scope in force when it is issued (ADR 0021). The socket layer judges
 * connections (host, port, every resolved address); a request that opens its own connection is one
 * attempt, the connection's, which gets the request's method and URL. The HTTP layer records a
 * request itself when that adds something: a URL rule's path prefix, the real target behind a
 * forward proxy, and every request sent on a pooled connection (pooled-request.ts). Any other
 * refusal is left to the socket layer, where a real connection is made: never before a mocking
 * library (msw, nock) had its say.
 */

import { formatHostPort } from '../../errors.js'
import { captureCallSite } from '../../guard/call-site.js'
import type { AttemptInput, Judge, Verdict } from '../../guard/port.js'
import type { Decision } from '../../policy/types.js'
import type { SocketJudgement } from '../net/socket-marks.js'
import type { RequestTarget } from './request-target.js'

/**
 * The decision for a destination before any socket: by name, and for a name no rule covers, by
 * the hosts file's addresses (`dns: 'judge'`; admitted when one of them is: the socket layer then
 * judges each). Under `dns: 'resolve'` such a name stays `needsAddress`: its addresses decide.
 */
export function decideBeforeSocket(scope: Judge, input: AttemptInput): Decision {
  const decision = scope.decide(input)
  if (decision.allowed || !decision.needsAddress || input.host === undefined) return decision
  const answer = scope.answerName(input.host, input.port, decision)
  if (answer.by === 'nobody') return answer.decision
  if (answer.by === 'dns' || answer.by === 'none-possible') return decision
  let refusal: Decision | undefined
  for (const { address } of answer.answers) {
    const byAddress = scope.decide({ ...input, address })
    if (byAddress.allowed) return byAddress
    refusal ??= byAddress
  }
  return refusal ?? decision
}

/**
 * Judge `target`. Returns `'allowed'`, the recorded verdict when this layer records a refusal, or
 * `undefined` when the decision is left to the socket layer (the connection is judged there).
 */
export function judgeRequest(
  scope: Judge,
  target: RequestTarget,
  method: string,
): Verdict | 'allowed' | undefined {
  if (!scope.hasUrlRules && !target.proxied) {
    // No path-prefix rule: the request is decided exactly as its connection, by host and port, an
    // answer the policy caches (a URL would make every request a fresh judgement).
    const connection = decideBeforeSocket(scope, { protocol: 'tcp', host: target.host, port: target.port })
    return connection.allowed ? 'allowed' : undefined
  }
  const input = { protocol: 'http' as const, host: target.host, port: target.port, url: target.url, method }
  let decision = decideBeforeSocket(scope, input)
  if (decision.allowed) return 'allowed'
  if (target.proxied) {
    // The proxy resolves the name out of our sight: only a rule naming the target admits it.
    if (decision.needsAddress) decision = proxiedRefusal(target)
  } else {
    const connection = decideBeforeSocket(scope, { protocol: 'tcp', host: target.host, port: target.port })
    // Connection allowed, request refused: a URL rule's path prefix. Only this layer can see it.
    // Otherwise the socket layer judges the connection where it is really made, after any mocking
    // library had its say (msw 3 and nock 15 answer at the socket): a mocked request is not egress.
    if (!connection.allowed) return undefined
  }
  return scope.record(input, decision, captureCallSite())
}

function proxiedRefusal(target: RequestTarget): Decision {
  return {
    allowed: false,
    check: 'name',
    reason: `no allow rule covers ${formatHostPort(target.host, target.port)}, and a proxy resolves it where its addresses cannot be judged`,
  }
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
