/**
 * Patch point: `node:http`/`node:https` requests, seen through `diagnostics_channel` (no property
 * of Node is written). Subscribed once per install, unsubscribed on restore.
 *
 * - `http.client.request.created` fires inside `http.request()`, after the socket (if a new one)
 *   was created and judged by the socket layer, and before any byte of the request is written:
 *   a request the policy refuses although its connection is allowed (a URL rule's path prefix, a
 *   target behind a forward proxy) is recorded and, in block mode, destroyed here.
 * - `http.client.request.start` fires once the request has its socket: the connection's attempts
 *   get the method and URL of the first request they carry (`http.client.request.error` too, for a
 *   request whose connection was blocked before it could start).
 */
import dc from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'
import type { PatchPoint } from '../guard/patch-stack.js'
import { currentScope } from '../guard/state.js'
import { clientRequestTarget } from './http-client-request.js'
import { enrichConnection, judgeRequest } from './http-request-verdict.js'
import { hasUrlRules } from './http-url-rules.js'
import { judgementOf } from './socket-marks.js'

interface RequestMessage {
  request: ClientRequest
}

/** Requests this layer refused: their connection must not carry their URL as if it were allowed. */
const refused = new WeakSet<ClientRequest>()

function onCreated(message: unknown): void {
  const { request } = message as RequestMessage
  const scope = currentScope()
  if (!scope) return
  // Fast path: a direct request (not through a proxy) under a policy without URL rules is decided
  // exactly as its connection, which the socket layer judges.
  if (!hasUrlRules(scope.policy) && !isProxyRequest(request)) return
  const target = clientRequestTarget(request)
  if (!target) return
  const verdict = judgeRequest(scope, target, request.method, { socketJudged: true })
  if (typeof verdict !== 'object') return
  refused.add(request)
  if (verdict.error) request.destroy(verdict.error)
}

/** A CONNECT tunnel or an absolute-form request line: the connection only reaches a proxy. */
function isProxyRequest(request: ClientRequest): boolean {
  const path = (request as { path?: unknown }).path
  return request.method === 'CONNECT' || (typeof path === 'string' && /^https?:\/\//i.test(path))
}

function onStartOrError(message: unknown): void {
  const { request } = message as RequestMessage
  const judgement = judgementOf(request.socket)
  if (!judgement || judgement.input.url !== undefined || refused.has(request)) return
  const target = clientRequestTarget(request)
  if (target && !target.proxied) enrichConnection(judgement, target.url, request.method)
}

const CHANNELS: readonly [string, (message: unknown) => void][] = [
  ['http.client.request.created', onCreated],
  ['http.client.request.start', onStartOrError],
  ['http.client.request.error', onStartOrError],
]

export const httpDiagnosticsPatch: PatchPoint = {
  name: 'diagnostics_channel http.client.request.*',
  apply: () => {
    const restores: (() => void)[] = []
    for (const [name, listener] of CHANNELS) {
      dc.subscribe(name, listener)
      restores.push(() => {
        dc.unsubscribe(name, listener)
      })
    }
    return restores
  },
}
