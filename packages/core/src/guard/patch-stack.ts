/**
 * Installs a list of patches all-or-nothing, and restores them in reverse order, each one even when
 * another throws, reporting every failure together. After installing, and after restoring, it calls
 * `syncBuiltinESMExports()` once, so that ESM named imports of a built-in (`import { connect } from
 * 'node:tls'`) see what the patch points wrote: one call for all of them, since each call walks
 * every loaded built-in.
 */
import { syncBuiltinESMExports } from 'node:module'
import { EgressGuardError } from '../errors.js'
import { collectRestores, type Restore } from './patch-property.js'

export interface PatchPoint {
  /** Short name used in errors: `net.Socket.prototype.connect`. */
  readonly name: string
  /** Install the patch; return the restores in the order they were made. */
  apply(): Restore[]
}

export function applyPatchPoints(points: readonly PatchPoint[]): Restore {
  const stack: Restore[] = []
  for (const point of points) {
    const { result, failed, error, restores } = collectRestores(() => point.apply())
    // Restores are idempotent: those collected and those returned may overlap.
    stack.push(...new Set([...restores, ...(result ?? [])]))
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
