/**
 * Patch point: global `fetch`, for the call site only. Undici judges and dispatches a fetch several
 * awaits after the call, where the user's frame is gone; this wrapper takes the call site at the
 * call (only when the URL is not admitted up front, or under `stacks: 'all'`) and hands it to the
 * async work through `runWithCallSite`, so a blocked fetch names the line that called it.
 * Judging stays with the undici dispatcher layer.
 */
import { captureCallSite, runWithCallSite } from '../guard/call-site.js'
import { patchProperty } from '../guard/patch-property.js'
import type { PatchPoint } from '../guard/patch-stack.js'
import type { GuardScope } from '../guard/scope.js'
import { currentScope } from '../guard/state.js'
import { defaultPorts } from '../policy/default-ports.js'

type Fetch = typeof globalThis.fetch

/** True when the policy admits the request's URL before any DNS, so no violation can follow. */
function admittedUpFront(scope: GuardScope, input: unknown): boolean {
  let url: URL
  try {
    const href = typeof input === 'string' || input instanceof URL ? input : (input as { url?: unknown })?.url
    url = new URL(String(href))
  } catch {
    return false
  }
  const defaultPort = defaultPorts.get(url.protocol.slice(0, -1))
  if (defaultPort === undefined) return true // data:, blob:, file: never reach the network
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const port = url.port ? Number(url.port) : defaultPort
  return scope.policy.decide({ host, port, url: url.href }).allowed
}

/**
 * A convenience layer, not an enforcement one (ADR 0021): where `fetch` is not a plain writable
 * function (a DOM environment's accessor, as happy-dom installs; a frozen global), it steps aside and
 * the layers below judge what that fetch does. It never fails the install.
 */
function canWrap(): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch')
  if (!descriptor || !('value' in descriptor) || typeof descriptor.value !== 'function') return false
  return descriptor.configurable === true || descriptor.writable === true
}

export const fetchCallSitePatch: PatchPoint = {
  name: 'globalThis.fetch (call site)',
  apply: () => {
    if (!canWrap()) return []
    return [
      patchProperty<Fetch>(globalThis, 'fetch', (realFetch) => {
        return function fetch(this: unknown, input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) {
          const scope = currentScope()
          if (!scope || (scope.stacks !== 'all' && admittedUpFront(scope, input))) {
            return realFetch.call(this, input, init)
          }
          return runWithCallSite(captureCallSite(), () => realFetch.call(this, input, init))
        } as Fetch
      }),
    ]
  },
}
