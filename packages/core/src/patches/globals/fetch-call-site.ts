/**
 * Patch point: global `fetch`, for the call site only. Undici judges and dispatches a fetch several
 * awaits after the call, where the user's frame is gone; this wrapper takes the call site at the
 * call (only when the URL is not admitted up front, or under `stacks: 'all'`) and hands it to the
 * async work through `runWithCallSite`, so a blocked fetch names the line that called it.
 * Judging stays with the undici dispatcher layer.
 */
import { captureCallSite, runWithCallSite } from '../../guard/call-site.js'
import type { PatchPoint } from '../../guard/patch-stack.js'
import { currentJudge } from '../../guard/port.js'

type Fetch = typeof globalThis.fetch

/** The URL a fetch call asks for, if it can be read without side effects. */
function requestUrl(input: unknown): URL | undefined {
  try {
    const href = typeof input === 'string' || input instanceof URL ? input : (input as { url?: unknown })?.url
    return new URL(String(href))
  } catch {
    return undefined
  }
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
  install: (stack) => {
    if (!canWrap()) return []
    stack.patch<Fetch>(globalThis, 'fetch', (realFetch) => {
      return function fetch(this: unknown, input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) {
        const scope = currentJudge()
        const url = scope && requestUrl(input)
        if (!scope || (url !== undefined && !scope.wantsStackForUrl(url))) {
          return realFetch.call(this, input, init)
        }
        return runWithCallSite(captureCallSite(), () => realFetch.call(this, input, init))
      } as Fetch
    })
  },
}
