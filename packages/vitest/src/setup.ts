/**
 * `@egress-guard/vitest/setup`: the worker side. Vitest runs it before every test file, in every
 * pool, and again for each file in a reused worker (`isolate: false`); all state lives on
 * `globalThis`, and each run registers hooks for its own file only.
 *
 * The file gate holds the patches from the moment the setup file loads (before the test file is
 * imported) until the file's last afterAll: setup files listed after this one, the test file's
 * imports and every hook run guarded. Per-test gates nest inside it.
 */
import { afterAll, afterEach, aroundEach, beforeAll, beforeEach, inject } from 'vitest'
import { type GateSettings, PROVIDE_KEY, settingsFromEnv } from './config.js'
import { closeFileGate, openFileGate } from './worker/file-gate.js'
import { loadBaseline } from './worker/known-destinations.js'
import { type TaskLike, workerState } from './worker/state.js'
import { closeTestGate, openTestGate } from './worker/test-gate.js'

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

function lastArgument(args: IArguments): TaskLike {
  return args[args.length - 1] as TaskLike
}

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
