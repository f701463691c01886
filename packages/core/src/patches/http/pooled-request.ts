/**
 * A request sent on a pooled connection (an `http.Agent` with `keepAlive`, an undici pool): the
 * connection was judged when it opened, perhaps under another scope, so the request is judged on
 * its own, under the scope in force when it was issued, as one `http` attempt with the connection's
 * address (ADR 0021). In block mode a refused request is failed before a byte of it is written.
 */
import { captureCallSite } from '../../guard/call-site.js'
import type { AttemptInput, Judge, Verdict } from '../../guard/port.js'
import { judgementOf } from '../net/socket-marks.js'
import type { RequestTarget } from './request-target.js'
import { decideBeforeSocket } from './request-verdict.js'

/**
 * True when `socket` is a real connection the socket layer judged and the handle layer saw dialled.
 * A mocking library's socket (msw 3, nock 15) is judged but never dialled: what it carries is mocked.
 */
export function isDialledConnection(socket: unknown): boolean {
  const judgement = judgementOf(socket as object | undefined)
  return judgement !== undefined && judgement.attempts.length > 0
}

export function judgePooledRequest(
  scope: Judge,
  target: RequestTarget,
  method: string,
  socket: { remoteAddress?: string | undefined } | undefined,
): Verdict {
  const path = judgementOf(socket)?.input.path
  if (path) {
    // HTTP over a unix socket (the Docker API): the request goes where the socket does.
    const input: AttemptInput = { protocol: 'unix', path, url: target.url, method }
    const decision = scope.decide({ path })
    return scope.record(input, decision, scope.wantsStack(decision) ? captureCallSite() : undefined)
  }
  const input: AttemptInput = {
    protocol: 'http',
    host: target.host,
    port: target.port,
    url: target.url,
    method,
  }
  const address = target.proxied ? undefined : socket?.remoteAddress
  if (address) input.address = address
  // Without a path-prefix rule the URL cannot change the decision: decide by host, port and address,
  // an answer the policy caches.
  const judged = scope.hasUrlRules
    ? input
    : { protocol: input.protocol, host: input.host, port: input.port, address }
  const decision = address ? scope.decide(judged) : decideBeforeSocket(scope, judged)
  const callSite = scope.wantsStack(decision) ? captureCallSite() : undefined
  return scope.record(input, decision, callSite)
}
