/**
 * One value per process, shared by every loaded copy of egress-guard (a `--require` preload and a
 * test runner's module graph each load their own): kept on the `process` object under a
 * `Symbol.for` key, created by the first copy that asks. `process`, not `globalThis`: Vitest's
 * vmThreads/vmForks pools run each test file in its own VM context with its own `globalThis`, while
 * Node's modules (whose functions the guard patches) and `process` are shared by every context.
 */
export function processWide<T>(key: string, create: () => T): T {
  const symbol = Symbol.for(`egress-guard.${key}`)
  const holder = process as unknown as Record<symbol, T | undefined>
  let value = holder[symbol]
  if (value === undefined) {
    value = create()
    Object.defineProperty(process, symbol, { value, configurable: true })
  }
  return value
}
