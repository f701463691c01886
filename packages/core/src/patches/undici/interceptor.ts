/**
 * The guard as an undici interceptor, in undici's own shape: `dispatch => (opts, handler) => …`.
 * It judges the method and URL before any socket exists; a request refused in block mode is failed
 * through its handler (never by a throw from inside undici), the way undici's own interceptors fail.
 */
import { currentJudge } from '../../guard/port.js'
import { currentHttpRequest, runInHttpRequest } from '../http/request-context.js'
import { originOfUrl, requestTarget } from '../http/request-target.js'
import { judgeRequest } from '../http/request-verdict.js'

export interface DispatchOptions {
  origin?: string | URL
  path?: string
  method?: string
}

/** Either handler API: undici ≤ 7's `onError(err)` or undici ≥ 7's `onResponseError(controller, err)`. */
export interface DispatchHandler {
  onError?: (error: Error) => void
  onResponseError?: (controller: unknown, error: Error) => void
}

export type Dispatch = (opts: DispatchOptions, handler: DispatchHandler) => boolean

/**
 * Fail a request that never reached its dispatcher. Asynchronously, as undici's DNS interceptor
 * does, so the caller's `dispatch()` returns first; new-API handlers get a null controller, as
 * undici itself passes when no request was started.
 */
export function failHandler(handler: DispatchHandler, error: Error): void {
  process.nextTick(() => {
    if (typeof handler.onResponseError === 'function') handler.onResponseError(null, error)
    else if (typeof handler.onError === 'function') handler.onError(error)
  })
}

export function guardInterceptor(dispatch: Dispatch): Dispatch {
  return function egressGuardDispatch(opts: DispatchOptions, handler: DispatchHandler): boolean {
    const scope = currentJudge()
    if (!scope || opts === null || typeof opts !== 'object' || opts.origin === undefined) {
      return dispatch(opts, handler)
    }
    const origin = originOfUrl(opts.origin)
    const method = typeof opts.method === 'string' ? opts.method : 'GET'
    const target = origin && requestTarget(origin, method, typeof opts.path === 'string' ? opts.path : '/')
    if (!target) return dispatch(opts, handler)
    const inFlight = currentHttpRequest()
    // Already judged by an outer guarded dispatcher (a guarded dispatcher wrapping another one).
    if (inFlight?.judged && inFlight.url === target.url && inFlight.method === method) {
      return dispatch(opts, handler)
    }
    const verdict = judgeRequest(scope, target, method)
    if (typeof verdict === 'object' && verdict.error && handler !== null && typeof handler === 'object') {
      failHandler(handler, verdict.error)
      return true
    }
    // Left to the socket layer (`judged: false`): the dispatcher may be a proxy agent, whose
    // CONNECT or absolute-form request then gets judged on undici's request channel.
    const context = { url: target.url, method, judged: verdict !== undefined }
    return runInHttpRequest(context, () => dispatch(opts, handler))
  }
}
