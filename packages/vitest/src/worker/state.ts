/**
 * Worker-side state of the integration, on `globalThis` under a `Symbol.for` key: with
 * `isolate: false` the setup file runs again for each test file in the same worker, and the test
 * file may load its own copy of this package; both must see the same gates.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Baseline, EgressScope } from 'egress-guard'
import type { GateSettings } from '../config.js'

/** The per-test gate: the guard scope of one test and what the test asked of it. */
export interface TestGate {
  readonly scope: EgressScope
  /** The Vitest task (plain object: `meta`, `name`, `suite`, `file`, `result`). */
  readonly task: TaskLike
  /** Set by `recordEgress()`: the test checks its own attempts, disallowed ones do not fail it. */
  recordedByTest: boolean
}

/** The parts of a Vitest task this package reads; the same in Vitest 4 and 5. */
export interface TaskLike {
  name: string
  type?: string
  meta: object
  suite?: TaskLike | undefined
  file?: TaskLike | undefined
  tasks?: TaskLike[] | undefined
  concurrent?: boolean | undefined
  projectName?: string | undefined
  result?:
    | { state?: string; hooks?: Record<string, string | undefined>; errors?: { message?: string }[] }
    | undefined
}

export interface WorkerState {
  settings: GateSettings | undefined
  /** Gates of concurrent tests, found through the async context. */
  readonly concurrentGates: AsyncLocalStorage<TestGate>
  /** The gate of the sequential test now running, if any. */
  sequentialGate: TestGate | undefined
  /** The guard of code outside tests (imports, beforeAll/afterAll), per test file. */
  fileGate: FileGate | undefined
  /** Allowances made in a describe's `beforeAll`, inherited by the tests inside it. */
  readonly suiteAllowances: WeakMap<object, string[]>
  /** Parsed baselines by path, read once per worker. */
  readonly baselines: Map<string, Baseline>
  /** Test files this worker has started (more than one with `isolate: false`). */
  filesStarted: number
  /**
   * A scope kept open for the rest of a reused worker's life, so that the patches stay installed
   * from one test file to the next instead of being restored and installed again per file.
   */
  anchor: EgressScope | undefined
}

export interface FileGate {
  /** The file's task, known from the setup file's `beforeAll` on. */
  file: TaskLike | undefined
  /** The live scope, absent while a sequential test runs (the test's own gate then guards). */
  scope: EgressScope | undefined
  /** Rules added by `allowEgress()` in file-level or describe hooks. */
  readonly extraRules: string[]
  /** Every scope this file gate has had, in order. */
  readonly scopes: EgressScope[]
}

const kWorkerState = Symbol.for('egress-guard.vitest.worker-state.v1')

export function workerState(): WorkerState {
  const holder = globalThis as unknown as Record<symbol, WorkerState | undefined>
  let state = holder[kWorkerState]
  if (!state) {
    state = {
      settings: undefined,
      concurrentGates: new AsyncLocalStorage<TestGate>(),
      sequentialGate: undefined,
      fileGate: undefined,
      suiteAllowances: new WeakMap(),
      baselines: new Map(),
      filesStarted: 0,
      anchor: undefined,
    }
    Object.defineProperty(globalThis, kWorkerState, { value: state, configurable: true })
  }
  return state
}

/** The gate of the test running in this async context, if any. */
export function currentGate(): TestGate | undefined {
  const state = workerState()
  return state.concurrentGates.getStore() ?? state.sequentialGate
}
