/**
 * The gate's process-wide state, on `globalThis` under a `Symbol.for` key: a runner may load two
 * copies of a package (a preload and the test file's own import), and both must see the same gates.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Baseline, EgressScope } from 'egress-guard'
import type { GateSettings } from './settings.js'

/** The gate of one test: its guard scope and what the test asked of it. */
export interface TestGate {
  readonly scope: EgressScope
  /** The test's full name (describe blocks and title joined by ` > `). */
  readonly test: string
  /** The test file, as the runner names it. */
  readonly file: string
  /** Set by `recordEgress()`: the test checks its own attempts; disallowed ones do not fail it. */
  recordedByTest: boolean
}

/** The gate of code outside tests in one test file (imports, once-hooks). */
export interface FileGate {
  readonly scope: EgressScope
  readonly file: string
}

export interface GateRuntime {
  settings: GateSettings | undefined
  /** Open gates of sequential tests, innermost last. */
  readonly sequential: TestGate[]
  /** Gates of concurrent tests, found through the async context. */
  readonly concurrent: AsyncLocalStorage<TestGate>
  fileGate: FileGate | undefined
  /** Allowances made in a describe's once-hooks, by the runner's suite object. */
  readonly suiteAllowances: WeakMap<object, string[]>
  /** The suite whose once-hook is running, when the runner can tell. */
  runningSuite: object | undefined
  /** Parsed baselines by path. */
  readonly baselines: Map<string, Baseline>
}

const kRuntime = Symbol.for('egress-guard.gate.runtime.v1')

export function gateRuntime(): GateRuntime {
  const holder = globalThis as unknown as Record<symbol, GateRuntime | undefined>
  let runtime = holder[kRuntime]
  if (!runtime) {
    runtime = {
      settings: undefined,
      sequential: [],
      concurrent: new AsyncLocalStorage<TestGate>(),
      fileGate: undefined,
      suiteAllowances: new WeakMap(),
      runningSuite: undefined,
      baselines: new Map(),
    }
    Object.defineProperty(globalThis, kRuntime, { value: runtime, configurable: true })
  }
  return runtime
}

/** The gate of the test running here: the async context's, else the innermost sequential one. */
export function currentTestGate(): TestGate | undefined {
  const runtime = gateRuntime()
  return runtime.concurrent.getStore() ?? runtime.sequential.at(-1)
}
