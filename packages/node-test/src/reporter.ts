/**
 * `--test-reporter=@egress-guard/node-test/reporter`: runs in the process that runs the test files,
 * reads the records every test process wrote to the run's channel, and at the end prints the
 * summary, writes the JSON report, emits GitHub annotations, and rewrites the baseline on request.
 * It prints nothing else: pair it with a reporter for the tests (`--test-reporter=spec`).
 */
import { mkdirSync } from 'node:fs'
import { finishRun, readRecords, recordsDir, removeRecords, resolveSettings } from '@egress-guard/gate'
import { RUNNER } from './channel.js'
import { type TestEvent, TestOutcomes } from './outcomes.js'

const settings = resolveSettings()
const channel = recordsDir(RUNNER, process.pid)
// Before any test process starts: a test process writes only where this directory exists.
removeRecords(channel)
mkdirSync(channel, { recursive: true })

export default async function* egressReporter(events: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const outcomes = new TestOutcomes()
  try {
    for await (const event of events) outcomes.note(event)
    const records = readRecords(channel).map((record) => ({
      ...record,
      state: record.test === undefined ? undefined : outcomes.stateOf(record.file, record.test),
    }))
    const lines: string[] = []
    finishRun({ settings, records, runner: RUNNER, log: (text) => lines.push(text) })
    yield `${lines.join('\n')}\n`
  } finally {
    removeRecords(channel)
  }
}
