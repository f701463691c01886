/**
 * Root hooks: Mocha runs them around every test of every file, in every process that runs tests.
 *
 * A failure is thrown from the test itself, not from `afterEach`: Mocha treats a failing hook as a
 * failure of the hook and skips the rest of the suite. `beforeEach` opens the test's gate and wraps
 * the test's function so that, when the body ends, the gate's failures fail the test; `afterEach`
 * closes the gate and writes the record, and throws only for a violation that came after the body
 * ended (a connection still being made when the test returned).
 */
import {
  appendRecords,
  closeFileGate,
  closeTestGate,
  type FileGate,
  openFileGate,
  openGateFailures,
  openTestGate,
  type TestGate,
  type TestRecord,
} from '@egress-guard/gate'
import { channelOfTestProcess } from './channel.js'
import { processSettings } from './settings.js'

/** The parts of a Mocha test these hooks use; the same in Mocha 10 and 11. */
interface MochaTest {
  fn?: ((this: unknown, done?: (error?: unknown) => void) => unknown) | undefined
  file?: string | undefined
  state?: string | undefined
  titlePath(): string[]
}

interface HookContext {
  currentTest?: MochaTest | undefined
}

interface Running {
  gate: TestGate
  original: MochaTest['fn']
  /** The body's end already failed the test for these attempts. */
  failedInBody: boolean
}

const running = new WeakMap<MochaTest, Running>()
let fileGate: FileGate | undefined
const files = new Set<string>()

function save(record: TestRecord): void {
  const channel = channelOfTestProcess()
  if (channel) appendRecords(channel, [record])
}

/** The gate guards the test files' imports from the moment Mocha loads this module. */
function startFileGate(): void {
  if (processSettings().mode === 'off' || fileGate) return
  fileGate = openFileGate('(mocha: outside tests)')
}
startFileGate()

export const mochaHooks = {
  beforeAll(): void {
    startFileGate()
  },

  beforeEach(this: HookContext): void {
    const test = this.currentTest
    if (!test) return
    if (test.file) files.add(test.file)
    const gate = openTestGate({ test: test.titlePath().join(' > '), file: test.file ?? 'unknown' })
    if (!gate) return
    const entry: Running = { gate, original: test.fn, failedInBody: false }
    running.set(test, entry)
    if (test.fn) test.fn = failingOnEgress(test.fn, entry)
  },

  afterEach(this: HookContext): void {
    const test = this.currentTest
    const entry = test && running.get(test)
    if (!test || !entry) return
    running.delete(test)
    test.fn = entry.original
    const closed = closeTestGate(entry.gate)
    save({ ...closed.record, state: test.state })
    // A test that already failed (its own assertion, or the gate at the body's end) is not failed
    // again: a second failure would be the hook's and would skip the rest of the suite.
    if (closed.error && !entry.failedInBody && test.state !== 'failed') throw closed.error
  },

  afterAll(): void {
    const gate = fileGate
    if (!gate) return
    fileGate = undefined
    const closed = closeFileGate(gate)
    const file = files.size === 1 ? [...files][0] : undefined
    save({ ...closed.record, file: file ?? closed.record.file })
    files.clear()
    if (closed.error) throw closed.error
  },
}

/** The test's function, failing when its body ends if the gate has a failure; same arity (done or not). */
function failingOnEgress(fn: NonNullable<MochaTest['fn']>, entry: Running): NonNullable<MochaTest['fn']> {
  const check = () => {
    const error = openGateFailures(entry.gate)
    if (error) entry.failedInBody = true
    return error
  }
  if (fn.length > 0) {
    return function (this: unknown, done?: (error?: unknown) => void) {
      return fn.call(this, (error?: unknown) => done?.(error ?? check()))
    }
  }
  return async function (this: unknown) {
    await fn.call(this)
    const error = check()
    if (error) throw error
  }
}
