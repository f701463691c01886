/**
 * Installs a list of patches all-or-nothing, and restores them in reverse order, each one even when
 * another throws, reporting every failure together. Every patch point pushes each restore onto the
 * one stack it is handed as soon as the patch is made, so a patch point that fails half-way is
 * rolled back with the rest: no patch point writes a rollback of its own. After installing, and after restoring, it calls
 * `syncBuiltinESMExports()` once, so that ESM named imports of a built-in (`import { connect } from
 * 'node:tls'`) see what the patch points wrote: one call for all of them, since each call walks
 * every loaded built-in.
 */
import { syncBuiltinESMExports } from 'node:module'
import { EgressGuardError } from '../errors.js'
import { patchProperty, type Restore } from './patch-property.js'

/** The restores made so far, last made first out. */
export interface RestoreStack {
  /** Push a restore (an unsubscribe, a re-bind) the moment its change is made. */
  push(restore: Restore): void
  /** `patchProperty(owner, key, wrap)`, its restore pushed at once. */
  patch<T>(owner: object, key: PropertyKey, wrap: (original: T) => T): void
}

export interface PatchPoint {
  /** Short name used in errors: `net.Socket.prototype.connect`. */
  readonly name: string
  /** Install the patch, pushing every restore onto `stack` as it goes. */
  install(stack: RestoreStack): void
}

export function applyPatchPoints(points: readonly PatchPoint[]): Restore {
  const stack: Restore[] = []
  const handle: RestoreStack = {
    push: (restore) => {
      stack.push(restore)
    },
    patch: (owner, key, wrap) => {
      stack.push(patchProperty(owner, key, wrap))
    },
  }
  for (const point of points) {
    let error: unknown
    let failed = false
    try {
      point.install(handle)
    } catch (thrown) {
      failed = true
      error = thrown
    }
    if (failed) {
      const failures = restoreAll(stack)
      syncBuiltinESMExports()
      const detail = error instanceof Error ? error.message : String(error)
      const extra = failures.length ? ` (and restoring the others failed: ${failures.join('; ')})` : ''
      throw new EgressGuardError(
        `egress-guard cannot guard this process: installing ${point.name} failed: ${detail}${extra}. Nothing is patched.`,
        'ERR_EGRESS_GUARD',
        { cause: error },
      )
    }
  }
  syncBuiltinESMExports()
  let done = false
  return () => {
    if (done) return
    done = true
    const failures = restoreAll(stack)
    syncBuiltinESMExports()
    if (failures.length) {
      throw new EgressGuardError(`egress-guard could not restore every patch: ${failures.join('; ')}`)
    }
  }
}

function restoreAll(stack: Restore[]): string[] {
  const failures: string[] = []
  while (stack.length) {
    const restore = stack.pop() as Restore
    try {
      restore()
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error))
    }
  }
  return failures
}
