/**
 * undici's own diagnostics channels, which every copy of undici publishes to (Node's bundled one
 * and npm's, whatever dispatcher the request goes through: the global one, an `Agent` passed as
 * `dispatcher`, a `ProxyAgent`):
 *
 * - `undici:request:create` fires when a client accepts a request, before it is written. Requests
 *   the global-dispatcher interceptor did not already judge are judged here: a `CONNECT` tunnel or
 *   an absolute-form request to a forward proxy (the real target, not the proxy), and a URL rule's
 *   path prefix. A refused one is failed through the request (`onResponseError`/`onError`), so the
 *   client skips it. This is also where a replaced global dispatcher is noticed (`onCreate` hook).
 * - `undici:client:sendHeaders` carries the request and its socket, before undici writes: the
 *   connection's attempts get the method and URL of the first request they carry, and every later
 *   request on a pooled connection is judged and recorded on its own (pooled-request.ts).
 */

import type { Judge } from '../../guard/port.js'
import { currentJudge } from '../../guard/port.js'
import { isDialledConnection, judgePooledRequest } from '../http/pooled-request.js'
import { currentHttpRequest } from '../http/request-context.js'
import { originOfUrl, type RequestTarget, requestTarget } from '../http/request-target.js'
import { enrichConnection, judgeRequest } from '../http/request-verdict.js'
import { judgementOf } from '../net/socket-marks.js'

interface UndiciRequest {
  origin?: unknown
  method?: unknown
  path?: unknown
  onError?: (error: Error) => unknown
  onResponseError?: (error: Error) => unknown
}

interface RequestMessage {
  request: UndiciRequest
  socket?: object
}

export function undiciRequestTarget(request: UndiciRequest): RequestTarget | undefined {
  if (typeof request.origin !== 'string' && !(request.origin instanceof URL)) return undefined
  if (typeof request.method !== 'string' || typeof request.path !== 'string') return undefined
  const origin = originOfUrl(request.origin)
  return origin && requestTarget(origin, request.method, request.path)
}

/** Fail a request the client has not written yet: it marks itself aborted and tells its handler. */
function failRequest(request: UndiciRequest, error: Error): void {
  if (typeof request.onResponseError === 'function') request.onResponseError(error)
  else if (typeof request.onError === 'function') request.onError(error)
}

/** The scope each request was issued under: a pooled connection's events run in another context. */
const issuedUnder = new WeakMap<object, Judge>()

export function onRequestCreate(message: unknown): void {
  const { request } = message as RequestMessage
  const scope = currentJudge()
  if (!scope) return
  issuedUnder.set(request, scope)
  const target = undiciRequestTarget(request)
  if (!target) return
  const method = request.method as string
  const inFlight = currentHttpRequest()
  if (inFlight?.judged && inFlight.url === target.url && inFlight.method === method) return
  const verdict = judgeRequest(scope, target, method)
  if (typeof verdict === 'object' && verdict.error) failRequest(request, verdict.error)
}

/**
 * Headers are about to be written. The first request on a connection is that connection's attempt;
 * a later one rides a pooled connection and is judged on its own, under the scope it was issued in.
 * A refusal here fails the request and destroys the socket before undici writes to it. A mocking
 * library's socket, never dialled, carries mocked requests: they are not judged.
 */
export function onSendHeaders(message: unknown): void {
  const { request, socket } = message as RequestMessage
  const judgement = judgementOf(socket)
  if (!judgement) return
  const target = undiciRequestTarget(request)
  if (!target || target.proxied) return
  const method = request.method as string
  if (judgement.requests++ === 0) {
    enrichConnection(judgement, target.url, method)
    return
  }
  if (!isDialledConnection(socket)) return
  const scope = issuedUnder.get(request) ?? currentJudge()
  if (!scope || scope.disposed) return
  const verdict = judgePooledRequest(scope, target, method, socket as { remoteAddress?: string })
  if (!verdict.error) return
  failRequest(request, verdict.error)
  ;(socket as { destroy(error?: Error): unknown }).destroy(verdict.error)
}
