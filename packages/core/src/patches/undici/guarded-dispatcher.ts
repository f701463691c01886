/**
 * A guarded view of an undici dispatcher: the same object (a Proxy, so `instanceof`, events,
 * `close()`, `stats` all reach the real one) whose `dispatch` runs through the guard interceptor.
 * undici's own `Dispatcher.compose()` builds the same kind of Proxy.
 */
import { type Dispatch, guardInterceptor } from './interceptor.js'

/** Methods of undici's Dispatcher that call `this.dispatch`: they must run with the Proxy as `this`. */
const DISPATCHING = new Set<PropertyKey>(['request', 'stream', 'pipeline', 'connect', 'upgrade', 'compose'])

const guarded = new WeakSet<object>()

export function isGuardedDispatcher(value: unknown): boolean {
  return typeof value === 'object' && value !== null && guarded.has(value)
}

export function guardDispatcher(dispatcher: object): object {
  const target = dispatcher as Record<PropertyKey, unknown>
  const realDispatch = target.dispatch as Dispatch
  const dispatch = guardInterceptor((opts, handler) => realDispatch.call(dispatcher, opts, handler))
  const bound = new Map<PropertyKey, unknown>()
  const proxy = new Proxy(target, {
    get(object, key) {
      if (key === 'dispatch') return dispatch
      // Read with the real object as receiver: getters may use private fields.
      const value = Reflect.get(object, key, object)
      if (typeof value !== 'function' || DISPATCHING.has(key)) return value
      let fn = bound.get(key) as { original: unknown; call: unknown } | undefined
      if (fn === undefined || fn.original !== value) {
        fn = { original: value, call: (value as (...a: unknown[]) => unknown).bind(object) }
        bound.set(key, fn)
      }
      return fn.call
    },
  })
  guarded.add(proxy)
  return proxy
}
