/**
 * Patch point: `node:http`/`node:https` requests, seen through `diagnostics_channel` (no property
 * of Node is written). Subscribed once per install, unsubscribed on restore.
 *
 * - `http.client.request.created` fires inside `http.request()`, after the socket (if a new one)
 *   was created and judged by the socket layer, and before any byte of the request is written
 *   (Node writes it a tick later, and skips a request destroyed by then, freeing its socket):
 *   - a request sent on a pooled connection (`request.reusedSocket`), or still waiting for one, is
 *     judged here under the scope in force now: one attempt per request (pooled-request.ts);
 *   - a request that opened its own connection is that connection's attempt, unless the policy
 *     refuses it although its connection is allowed (a URL rule's path prefix, a target behind a
 *     forward proxy): then it is recorded and, in block mode, destroyed here.
 * - `http.client.request.start` fires once the request has its socket: the connection's attempts
 *   get the method and URL of the first request they carry (`http.client.request.error` too, for a
 *   request whose connection was blocked before it could start).
 */
import dc from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'
import type { PatchPoint } from '../../guard/patch-stack.js'
import type { Judge } from '../../guard/port.js'
import { currentJudge } from '../../guard/port.js'
import { judgementOf, lastJudgedSocket, type SocketJudgement } from '../net/socket-marks.js'
import { clientRequestTarget } from './client-request.js'
import { isDialledConnection, judgePooledRequest } from './pooled-request.js'
import { enrichConnection, judgeRequest } from './request-verdict.js'

interface RequestMessage {
  request: ClientRequest
}

/** Requests this layer refused: their connection must not carry their URL as if it were allowed. */
const refused = new WeakSet<ClientRequest>()

function onCreated(message: unknown): void {
  const { request } = message as RequestMessage
  const scope = currentJudge()
  if (!scope) return
  // Node 24+ ties a request to its socket synchronously (`socket._httpMessage`); Node 22 does it a
  // tick later, so there a request is judged on its 'socket' event like one still waiting.
  const pooled = request.reusedSocket ? pooledSocketOf(request) : undefined
  if (pooled) {
    // Sent on a pooled connection: judged now, under the scope in force, before Node writes it.
    const judgement = judgementOf(pooled)
    if (judgement) judgement.requests++
    if (isDialledConnection(pooled)) judgeOnPooledSocket(scope, request, pooled)
    return
  }
  const opened = lastJudgedSocket() as { _httpMessage?: unknown } | undefined
  if (request.reusedSocket || opened?._httpMessage !== request) {
    // Waiting for a socket (a full pool, an agent that connects asynchronously, or Node 22): judged
    // when it gets one, under the scope in force now; Node writes it right after the 'socket' event.
    request.once('socket', (socket) => {
      const judgement = judgementOf(socket)
      if (!judgement || scope.disposed) return
      if (judgement.requests++ === 0) judgeOnOwnConnection(scope, request)
      else if (isDialledConnection(socket)) judgeOnPooledSocket(scope, request, socket)
    })
    return
  }
  ;(judgementOf(opened) as SocketJudgement).requests++
  judgeOnOwnConnection(scope, request)
}

/**
 * A request that opened its own connection, which the socket layer judged. Fast path: a direct
 * request (not through a proxy) under a policy without path-prefix rules is decided exactly as its
 * connection.
 */
function judgeOnOwnConnection(scope: Judge, request: ClientRequest): void {
  if (!scope.hasUrlRules && !isProxyRequest(request)) return
  const target = clientRequestTarget(request)
  if (!target) return
  const verdict = judgeRequest(scope, target, request.method)
  if (typeof verdict !== 'object') return
  refused.add(request)
  if (verdict.error) request.destroy(verdict.error)
}

function judgeOnPooledSocket(scope: Judge, request: ClientRequest, socket: object): void {
  const target = clientRequestTarget(request)
  if (!target) return
  const verdict = judgePooledRequest(scope, target, request.method, socket as { remoteAddress?: string })
  refused.add(request)
  if (verdict.error) request.destroy(verdict.error)
}

/** The pooled socket an agent just gave `request` (its `request.socket` is set a tick later). */
function pooledSocketOf(request: ClientRequest): { remoteAddress?: string } | undefined {
  const sockets = (request as { agent?: { sockets?: Record<string, unknown[]> } }).agent?.sockets
  if (!sockets) return undefined
  for (const list of Object.values(sockets)) {
    for (const socket of list ?? []) {
      if ((socket as { _httpMessage?: unknown })._httpMessage === request)
        return socket as { remoteAddress?: string }
    }
  }
  return undefined
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
  install: (stack) => {
    for (const [name, listener] of CHANNELS) {
      dc.subscribe(name, listener)
      stack.push(() => {
        dc.unsubscribe(name, listener)
      })
    }
  },
}
