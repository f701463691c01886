/**
 * Scopes for test-runner integrations (the Vitest setup file): a guard scope that the runner makes
 * current either for one async context (a concurrent test) or process-wide as the innermost global
 * scope (a sequential test, so that `egressGuard()` calls inside the test still nest inside it), and
 * that can be widened with extra rules or switched to record mode while it lives — from a hook or
 * from the test body alike, which an `AsyncLocalStorage.enterWith` could not do.
 *
 * A scope carries a label (the test's name); attempts judged under it record that label as `test`.
 */

import type { EgressGuardOptions } from './guard/options.js'
import type { GuardScope } from './guard/scope.js'
import { currentScope, guardState } from './guard/state.js'
import { installTestNameHook } from './guard/test-name.js'
import { closeGuardScope, openGuardScope } from './guard.js'
import { createPolicy } from './policy/create-policy.js'
import type { Policy } from './policy/types.js'
import type { EgressAttempt, EgressReport } from './report.js'

export interface EgressScopeOptions extends EgressGuardOptions {
  /** Recorded as `test` on every attempt judged under this scope (or a scope nested in it). */
  label?: string | undefined
}

export interface EgressScope {
  readonly mode: 'block' | 'record'
  /** Every attempt judged under this scope or a scope nested in it. */
  readonly report: EgressReport
  /** The allow rules in force, as written. */
  readonly rules: readonly string[]
  /** Run `fn` with this scope current in `fn`'s async context only. */
  run<T>(fn: () => T): T
  /** Make this scope current process-wide (innermost global scope) until `close()`. */
  enterGlobally(): void
  /** Admit more destinations from now on. A bad rule throws `EgressPolicyError` and changes nothing. */
  widen(rules: readonly string[]): void
  /** Switch between failing (`block`) and recording (`record`) disallowed connections from now on. */
  setMode(mode: 'block' | 'record'): void
  /**
   * False for an attempt that a scope nested inside this one decided (an `egressGuard()` or
   * `withEgressGuard()` the test opened itself): it is in this report, but not this scope's verdict.
   */
  decidedHere(attempt: EgressAttempt): boolean
  /** End the scope; the last live scope restores every patch. Idempotent. */
  close(): void
}

// On the scope object under a Symbol.for key: two loaded copies of egress-guard read the same label.
const kScopeLabel = Symbol.for('egress-guard.scope-label.v1')
type Labelled = GuardScope & { [kScopeLabel]?: string }

/** Open a scope nested in the current one; `undefined` when `EGRESS_GUARD_MODE=off`. */
export function openEgressScope(options: EgressScopeOptions = {}): EgressScope | undefined {
  const { label, ...guardOptions } = options
  const scope = openGuardScope(guardOptions)
  if (!scope) return undefined
  if (label !== undefined) Object.defineProperty(scope, kScopeLabel, { value: label })
  installTestNameHook(nearestLabel)
  const state = guardState()
  const writable = scope as unknown as { policy: Policy; mode: 'block' | 'record' }
  // An attempt is added to the deciding scope's report, then to each enclosing one's, synchronously
  // where it was judged: if the current scope there is not this one, a nested scope decided it.
  const decidedElsewhere = new WeakSet<EgressAttempt>()
  scope.report.subscribe((attempt) => {
    if (currentScope() !== scope) decidedElsewhere.add(attempt)
  })
  return {
    get mode() {
      return scope.mode
    },
    report: scope.report,
    get rules() {
      return scope.policy.rules
    },
    run: (fn) => state.context.run(scope, fn),
    enterGlobally: () => {
      if (!scope.disposed && !state.globalScopes.includes(scope)) state.globalScopes.push(scope)
    },
    widen: (rules) => {
      const policy = scope.policy
      writable.policy = createPolicy({
        allow: [...policy.rules, ...rules],
        allowLoopback: policy.allowLoopback,
        allowUnixSockets: policy.allowUnixSockets,
        strictDns: policy.strictDns,
      })
    },
    setMode: (mode) => {
      if (mode !== 'block' && mode !== 'record')
        throw new TypeError(`mode must be "block" or "record", got ${String(mode)}`)
      writable.mode = mode
    },
    decidedHere: (attempt) => !decidedElsewhere.has(attempt),
    close: () => {
      if (scope.disposed) return
      const index = state.globalScopes.lastIndexOf(scope)
      if (index !== -1) state.globalScopes.splice(index, 1)
      closeGuardScope(scope)
    },
  }
}

/** Name attempts after the nearest labelled scope, unless an integration already named them. */
function nearestLabel(): string | undefined {
  for (let scope = currentScope(); scope; scope = scope.parent) {
    const label = (scope as Labelled)[kScopeLabel]
    if (label !== undefined) return label
  }
  return undefined
}
