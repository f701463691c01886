/**
 * The guard scope: `egressGuard()` for a block of code or a test, `withEgressGuard()` for one async
 * context. Patches are installed by the first live scope and restored by the last one to end.
 *
 * Nesting: the innermost scope decides with its own policy and mode (so an inner scope may narrow or
 * widen); every attempt is recorded in the deciding scope's report and in each enclosing one's.
 */

import { type EgressGuardOptions, resolveMode } from './guard/options.js'
import { applyPatchPoints } from './guard/patch-stack.js'
import { GuardScope } from './guard/scope.js'
import { currentScope, guardState } from './guard/state.js'
import { allPatchPoints } from './patches/all-patches.js'
import { EgressReport } from './report.js'

export type { EgressGuardOptions, GuardMode } from './guard/options.js'

export interface EgressGuard extends Disposable {
  /** The effective mode (`off` when `EGRESS_GUARD_MODE=off`). */
  readonly mode: 'block' | 'record' | 'off'
  /** Every attempt judged while this scope (or a scope nested in it) was current. */
  readonly report: EgressReport
  /** Restores every patch when this is the last live scope. Idempotent. */
  dispose(): void
}

/** Open a scope nested in the current one, installing patches if it is the first. Internal. */
export function openGuardScope(options: EgressGuardOptions): GuardScope | undefined {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new TypeError(`egressGuard options must be an object, got ${String(options)}`)
  }
  const mode = resolveMode(options?.mode)
  if (mode === 'off') return undefined
  const scope = new GuardScope(mode, options ?? {}, currentScope())
  const state = guardState()
  if (state.liveScopes === 0) state.restorePatches = applyPatchPoints(allPatchPoints)
  state.liveScopes++
  return scope
}

/** Close a scope; the last live scope restores every patch. Idempotent. Internal. */
export function closeGuardScope(scope: GuardScope): void {
  if (scope.disposed) return
  scope.disposed = true
  const state = guardState()
  state.liveScopes--
  if (state.liveScopes === 0) {
    const restore = state.restorePatches
    state.restorePatches = undefined
    state.globalScopes.length = 0
    restore?.()
  }
}

/** Guard this process until `dispose()` (or the end of a `using` block). */
export function egressGuard(options: EgressGuardOptions = {}): EgressGuard {
  const scope = openGuardScope(options)
  if (!scope) return { mode: 'off', report: new EgressReport(), dispose() {}, [Symbol.dispose]() {} }
  const state = guardState()
  state.globalScopes.push(scope)
  const dispose = () => {
    if (scope.disposed) return
    const index = state.globalScopes.lastIndexOf(scope)
    if (index !== -1) state.globalScopes.splice(index, 1)
    closeGuardScope(scope)
  }
  return { mode: scope.mode, report: scope.report, dispose, [Symbol.dispose]: dispose }
}

/** Run `fn` with a guard scoped to its async context; concurrent calls do not see each other. */
export async function withEgressGuard<T>(
  options: EgressGuardOptions,
  fn: () => T | Promise<T>,
): Promise<{ value: Awaited<T>; report: EgressReport }> {
  if (typeof fn !== 'function') throw new TypeError('withEgressGuard(options, fn): fn must be a function')
  const scope = openGuardScope(options)
  if (!scope) return { value: await fn(), report: new EgressReport() }
  try {
    const value = await guardState().context.run(scope, fn)
    return { value, report: scope.report }
  } finally {
    closeGuardScope(scope)
  }
}
