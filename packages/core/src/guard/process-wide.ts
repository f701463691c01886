/**
 * One value per process, shared by every loaded copy of egress-guard (a `--require` preload and a
 * test runner's module graph each load their own): kept on `globalThis` under a `Symbol.for` key,
 * created by the first copy that asks.
 */
export function processWide<T>(key: string, create: () => T): T {
  const symbol = Symbol.for(`egress-guard.${key}`)
  const holder = globalThis as unknown as Record<symbol, T | undefined>
  let value = holder[symbol]
  if (value === undefined) {
    value = create()
    Object.defineProperty(globalThis, symbol, { value, configurable: true })
  }
  return value
}
