/**
 * The node:test gate: hooks registered on the root test from the `--import` preload, so they wrap
 * every test of the file. `beforeEach` opens the test's gate (after which the test's own hooks and
 * body run under it); `afterEach`, which node:test runs after the test's own afterEach hooks, closes
 * it and throws the failure, which node:test reports as that test's failure (`hookFailed`). The
 * file gate guards the imports and the once-hooks, and closes when the process exits.
 */
import { afterEach, beforeEach } from 'node:test'
import {
  appendRecords,
  closeFileGate,
  closeTestGate,
  loadBaseline,
  openFileGate,
  openTestGate,
  resolveSettings,
  type TestGate,
  type TestRecord,
  useSettings,
} from '@egress-guard/gate'
import { channelOfTestProcess } from './channel.js'

const kInstalled = Symbol.for('egress-guard.node-test.installed.v1')

interface ContextLike {
  name: string
  fullName?: string
  filePath?: string
}

/**
 * True in a process that runs node:test files: a `--test` child (`NODE_TEST_CONTEXT`), or `--test`
 * with `--test-isolation=none`. Elsewhere (a tool importing this package, a plain `node app.js`)
 * registering root hooks would make node:test start a run of nothing and print its summary.
 */
function runsTests(): boolean {
  return Boolean(process.env.NODE_TEST_CONTEXT) || process.execArgv.includes('--test')
}

export function installNodeTestGate(): void {
  const holder = globalThis as unknown as Record<symbol, boolean | undefined>
  if (holder[kInstalled] || !runsTests()) return
  Object.defineProperty(globalThis, kInstalled, { value: true })
  const settings = resolveSettings()
  useSettings(settings)
  if (settings.mode === 'off') return
  // A malformed baseline fails the test file here, naming the file and the entry.
  loadBaseline(settings)
  const channel = channelOfTestProcess()
  const save = (record: TestRecord) => {
    if (channel) appendRecords(channel, [record])
  }
  const file = process.argv[1] ?? 'unknown test file'
  const fileGate = openFileGate(file)
  const gates = new Map<ContextLike, TestGate>()

  beforeEach((context: ContextLike) => {
    const gate = openTestGate({
      test: context.fullName ?? context.name,
      file: context.filePath ?? file,
    })
    if (gate) gates.set(context, gate)
  })

  afterEach((context: ContextLike) => {
    const gate = gates.get(context)
    if (!gate) return
    gates.delete(context)
    const closed = closeTestGate(gate)
    save({ ...closed.record, state: closed.error ? 'failed' : undefined })
    if (closed.error) throw closed.error
  })

  // Code outside tests (imports, before/after hooks, timers) runs under the file gate until the
  // process ends. Its failure cannot be thrown from a root after hook: node:test would skip the
  // file's own after hooks, which often close servers, and the process would never end. It is
  // printed and sets the exit code instead, which node:test reports as the file failing.
  process.once('exit', () => {
    if (!fileGate) return
    const closed = closeFileGate(fileGate)
    save(closed.record)
    if (!closed.error) return
    process.stderr.write(`${closed.error.message} (outside any test in ${file})\n`)
    process.exitCode = 1
  })
}
