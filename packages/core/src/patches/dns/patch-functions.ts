/**
 * Patching a list of functions for one patch point, all or nothing: a missing function is an error
 * (fail closed), and a failure part-way restores what this point already patched before rethrowing.
 */
import { EgressGuardError } from '../../errors.js'
import { patchProperty, type Restore } from '../../guard/patch-property.js'

// biome-ignore lint/suspicious/noExplicitAny: wrappers forward whatever Node's functions take
export type AnyFunction = (this: any, ...args: any[]) => any

export interface FunctionPatch {
  owner: object
  key: string
  /** How errors name the owner: `dns.promises`, `dns.Resolver.prototype`. */
  label: string
  wrap: (original: AnyFunction) => AnyFunction
  /** When true, a missing function is skipped (it does not exist on this Node), not an error. */
  optional?: boolean
}

/**
 * Patch every function (the patch stack syncs ESM named exports afterwards). Returns one restore
 * that puts every function back (in reverse), then runs `afterRestore`: a single step, so its order
 * does not depend on where the patch stack places it among the restores it collected.
 */
export function patchFunctions(patches: readonly FunctionPatch[], afterRestore?: () => void): Restore[] {
  const restores: Restore[] = []
  try {
    for (const patch of patches) {
      const current = (patch.owner as Record<string, unknown>)[patch.key]
      if (typeof current !== 'function') {
        if (patch.optional && current === undefined) continue
        throw new EgressGuardError(
          `egress-guard cannot patch ${patch.label}.${patch.key}: it is not a function on Node ${process.version}`,
        )
      }
      restores.push(
        patchProperty<AnyFunction>(patch.owner, patch.key, (original) => {
          const replacement = patch.wrap(original)
          copyOwnSymbols(replacement, original)
          return replacement
        }),
      )
    }
  } catch (error) {
    runAll(restores.reverse())
    throw error
  }
  let done = false
  const restoreAll = () => {
    if (done) return
    done = true
    const failures = runAll([...restores.reverse(), ...(afterRestore ? [afterRestore] : [])])
    if (failures.length) throw failures[0]
  }
  return [restoreAll]
}

/** Run every step even when one throws; return what they threw. */
function runAll(steps: readonly (() => void)[]): unknown[] {
  const failures: unknown[] = []
  for (const step of steps) {
    try {
      step()
    } catch (error) {
      failures.push(error)
    }
  }
  return failures
}

/**
 * Keep the symbol-keyed properties Node hangs on its functions, such as the `customPromisifyArgs`
 * that makes `util.promisify(dns.lookup)` resolve with `{ address, family }`.
 */
function copyOwnSymbols(replacement: AnyFunction, original: AnyFunction): void {
  for (const symbol of Object.getOwnPropertySymbols(original)) {
    if (Object.hasOwn(replacement, symbol)) continue
    Object.defineProperty(
      replacement,
      symbol,
      Object.getOwnPropertyDescriptor(original, symbol) as PropertyDescriptor,
    )
  }
}
