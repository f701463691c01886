/**
 * The HTTP request being dispatched right now, kept in an AsyncLocalStorage around the inner
 * undici dispatch. The socket a dispatch opens synchronously is created inside this context, so a
 * layer below (the socket layer, undici's diagnostics channels) can tell which request caused it
 * and avoid judging one request twice.
 *
 * Kept on `process` under a `Symbol.for` key, like the guard state, so two loaded copies of
 * egress-guard share it.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { processWide } from '../../guard/process-wide.js'

export interface HttpRequestContext {
  readonly url: string
  readonly method: string
  /** True when the HTTP layer decided it; false when it left the decision to the socket layer. */
  readonly judged: boolean
}

let shared: AsyncLocalStorage<HttpRequestContext> | undefined

function storage(): AsyncLocalStorage<HttpRequestContext> {
  shared ??= processWide('http-request-context.v1', () => new AsyncLocalStorage<HttpRequestContext>())
  return shared
}

/** Run `fn` with `request` as the HTTP request in flight. */
export function runInHttpRequest<T>(request: HttpRequestContext, fn: () => T): T {
  return storage().run(request, fn)
}

/** The HTTP request whose dispatch is running now, if any. */
export function currentHttpRequest(): HttpRequestContext | undefined {
  return storage().getStore()
}
