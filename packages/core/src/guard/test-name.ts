/**
 * The hook that names the running test on each attempt, set once per process by the first scope
 * that carries a label (a test runner's per-test scope) and shared by every loaded copy.
 */
import { processWide } from './process-wide.js'

interface TestNameHook {
  name: (() => string | undefined) | undefined
}

let hook: TestNameHook | undefined

function shared(): TestNameHook {
  hook ??= processWide('test-name.v1', (): TestNameHook => ({ name: undefined }))
  return hook
}

/** The running test's name, when an integration named it. */
export function currentTestName(): string | undefined {
  return shared().name?.()
}

/** Install `name` unless a hook is installed already (the first integration wins). */
export function installTestNameHook(name: () => string | undefined): void {
  const current = shared()
  current.name ??= name
}
