/**
 * Patching a list of functions for one patch point: a missing function is an error (fail closed);
 * each restore goes onto the patch stack as it is made, so a failure part-way is rolled back there.
 */
import { EgressGuardError } from '../../errors.js'
import type { RestoreStack } from '../../guard/patch-stack.js'

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
 * Patch every function (the patch stack syncs ESM named exports afterwards). `afterRestore` is
 * pushed first, so it runs after every function is back (the stack restores last made first).
 */
export function patchFunctions(
  stack: RestoreStack,
  patches: readonly FunctionPatch[],
  afterRestore?: () => void,
): void {
  if (afterRestore) stack.push(afterRestore)
  for (const patch of patches) {
    const current = (patch.owner as Record<string, unknown>)[patch.key]
    if (typeof current !== 'function') {
      if (patch.optional && current === undefined) continue
      throw new EgressGuardError(
        `egress-guard cannot patch ${patch.label}.${patch.key}: it is not a function on Node ${process.version}`,
      )
    }
    stack.patch<AnyFunction>(patch.owner, patch.key, (original) => {
      const replacement = patch.wrap(original)
      copyOwnSymbols(replacement, original)
      return replacement
    })
  }
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
