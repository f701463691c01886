/**
 * The Jest gate, run in the worker's real context once per test file with the sandbox's hooks.
 * `beforeEach` opens the test's gate; `afterEach`, registered before any of the file's own hooks
 * (so it runs after them), closes it and throws the failure, which Jest adds to that test's errors:
 * only that test fails. The file gate guards the file's imports and once-hooks.
 */
import {
  appendRecords,
  closeFileGate,
  closeTestGate,
  type GateSettings,
  loadBaseline,
  openFileGate,
  openTestGate,
  resolveSettings,
  type TestGate,
  type TestRecord,
  useSettings,
} from '@egress-guard/gate'
import { channelOfTestProcess } from './channel.js'

type Hook = (fn: () => void) => void

/** The sandbox globals the gate registers with; the same in Jest 29 and 30. */
export interface JestGlobals {
  beforeEach: Hook
  afterEach: Hook
  afterAll: Hook
  expect: { getState(): { currentTestName?: string | undefined; testPath?: string | undefined } }
}

let settings: GateSettings | undefined

function workerSettings(): GateSettings {
  if (!settings) {
    settings = resolveSettings()
    useSettings(settings)
    loadBaseline(settings)
  }
  return settings
}

function save(record: TestRecord): void {
  const channel = channelOfTestProcess()
  if (channel) appendRecords(channel, [record])
}

export function gateJestFile(jest: JestGlobals): void {
  if (workerSettings().mode === 'off') return
  const file = jest.expect.getState().testPath ?? 'unknown test file'
  const fileGate = openFileGate(file)
  let gate: TestGate | undefined

  jest.beforeEach(() => {
    gate = openTestGate({ test: jest.expect.getState().currentTestName ?? 'unknown test', file })
  })

  jest.afterEach(() => {
    const closing = gate
    gate = undefined
    if (!closing) return
    const closed = closeTestGate(closing)
    save(closed.record)
    if (closed.error) throw closed.error
  })

  jest.afterAll(() => {
    if (!fileGate) return
    const closed = closeFileGate(fileGate)
    save(closed.record)
    if (closed.error) throw closed.error
  })
}
