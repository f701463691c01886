/**
 * Gating one test file: what `@egress-guard/vitest/setup` does each time Vitest runs it, which is
 * before every test file, in every pool, and again for each file in a reused worker
 * (`isolate: false`). All state lives on `globalThis`, and each call registers hooks for the file
 * being collected only.
 *
 * The file gate holds the patches from the moment the setup file runs (before the test file is
 * imported) until the file's last afterAll: setup files listed after this one, the test file's
 * imports and every hook run guarded. Per-test gates nest inside it.
 *
 * This module is loaded by Node and built as one file (ADR 0018); the setup file that calls it is
 * the only part Vitest runs through its own module runner. The setup file also hands it the hook
 * functions: a module Node loads would resolve `vitest` on its own, and could find another copy
 * than the one running the tests (two Vitest majors in one repository, as here).
 */
import type { afterAll, afterEach, aroundEach, beforeAll, beforeEach, inject } from 'vitest'
import { type GateSettings, PROVIDE_KEY, settingsFromEnv } from '../config.js'
import { closeFileGate, openFileGate } from './file-gate.js'
import { loadBaseline } from './known-destinations.js'
import { type TaskLike, workerState } from './state.js'
import { closeTestGate, openTestGate } from './test-gate.js'

/** The Vitest functions the gate registers its hooks with, from the Vitest running the file. */
export interface VitestHooks {
  afterAll: typeof afterAll
  afterEach: typeof afterEach
  aroundEach: typeof aroundEach
  beforeAll: typeof beforeAll
  beforeEach: typeof beforeEach
  inject: typeof inject
}

export function gateTestFile(vitest: VitestHooks): void {
  const { afterAll, afterEach, aroundEach, beforeAll, beforeEach, inject } = vitest
  const state = workerState()
  const settings: GateSettings =
    (inject as (key: string) => GateSettings | undefined)(PROVIDE_KEY) ?? settingsFromEnv()
  state.settings = settings
  // A malformed baseline fails every test file here, naming the file and the entry.
  loadBaseline(settings)
  const fileGate = openFileGate(settings)

  // Vitest 4 passes (suite), Vitest 5 (fixtures, suite) and rejects a first parameter that is not
  // destructured: declare none and take the last argument.
  beforeAll(function () {
    // biome-ignore lint/complexity/noArguments: see above
    fileGate.file = lastArgument(arguments)
  })

  afterAll(function () {
    // biome-ignore lint/complexity/noArguments: see above
    const error = closeFileGate(settings, fileGate, lastArgument(arguments))
    if (error) throw error
  })

  // Concurrent tests: an async-context gate around the whole test, hooks included.
  // Sequential tests: a process-wide gate from beforeEach to afterEach, nested in the file gate.
  aroundEach(async (runTest, context) => {
    const task = context.task as unknown as TaskLike
    if (!task.concurrent) return runTest()
    const gate = openTestGate(settings, task, false)
    if (!gate) return runTest()
    let error: Error | undefined
    try {
      await gate.scope.run(() => state.concurrentGates.run(gate, runTest))
    } finally {
      error = closeTestGate(settings, gate)
    }
    if (error) throw error
  })

  beforeEach((context) => {
    const task = context.task as unknown as TaskLike
    if (task.concurrent) return
    state.sequentialGate = openTestGate(settings, task, true)
  })

  afterEach(() => {
    const gate = state.sequentialGate
    if (!gate) return
    state.sequentialGate = undefined
    const error = closeTestGate(settings, gate)
    if (error) throw error
  })
}

function lastArgument(args: IArguments): TaskLike {
  return args[args.length - 1] as TaskLike
}
