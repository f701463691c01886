/**
 * Process-wide guard state, kept on `process` under a `Symbol.for` key so that two loaded copies
 * of egress-guard (a `--require` preload and a test runner's module graph) share one set of patches
 * and one view of the active scopes.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Restore } from './patch-property.js'
import { processWide } from './process-wide.js'
import type { GuardScope } from './scope.js'

export interface GuardState {
  /** Scope of the current async context, set by `withEgressGuard`. */
  readonly context: AsyncLocalStorage<GuardScope>
  /** Scopes made by `egressGuard()`, innermost last. */
  readonly globalScopes: GuardScope[]
  /** Live scopes of both kinds; patches stay installed while this is above zero. */
  liveScopes: number
  /** Restores every installed patch, when installed. */
  restorePatches: Restore | undefined
}

/** This copy's handle on the shared state (found once: the object itself is never replaced). */
let state: GuardState | undefined

export function guardState(): GuardState {
  state ??= processWide('state.v1', () => ({
    context: new AsyncLocalStorage<GuardScope>(),
    globalScopes: [],
    liveScopes: 0,
    restorePatches: undefined,
  }))
  return state
}

/** The scope that judges a connection made now: the async context's, else the innermost global one. */
export function currentScope(): GuardScope | undefined {
  const state = guardState()
  let scope = state.context.getStore()
  while (scope?.disposed) scope = scope.parent
  if (scope) return scope
  const scopes = state.globalScopes
  for (let i = scopes.length - 1; i >= 0; i--) {
    const candidate = scopes[i] as GuardScope
    if (!candidate.disposed) return candidate
  }
  return undefined
}
