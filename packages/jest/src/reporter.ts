/**
 * `reporters: ['default', '@egress-guard/jest/reporter']`: in the main process, opens the records
 * channel before any worker starts and, when the run completes, gives each record its test's Jest
 * status and `describe > test` name, then prints the summary, writes the JSON report, emits GitHub
 * annotations and rewrites the baseline on request.
 */
import { mkdirSync } from 'node:fs'
import {
  finishRun,
  readRecords,
  recordsDir,
  removeRecords,
  resolveSettings,
  type TestRecord,
} from '@egress-guard/gate'
import { CHANNEL_VARIABLE, RUNNER } from './channel.js'

interface AssertionResult {
  title: string
  fullName: string
  ancestorTitles: string[]
  status: string
}

interface AggregatedResult {
  testResults: { testFilePath: string; testResults: AssertionResult[] }[]
}

export default class EgressReporter {
  readonly #channel = recordsDir(RUNNER, process.pid)
  readonly #settings = resolveSettings()

  constructor() {
    removeRecords(this.#channel)
    mkdirSync(this.#channel, { recursive: true })
    process.env[CHANNEL_VARIABLE] = this.#channel
  }

  onRunComplete(_contexts: unknown, results: AggregatedResult): void {
    try {
      const byName = new Map<string, AssertionResult>()
      for (const file of results.testResults) {
        for (const test of file.testResults) byName.set(`${file.testFilePath}\u0000${test.fullName}`, test)
      }
      const records = readRecords(this.#channel).map((record): TestRecord => {
        if (record.test === undefined) return record
        const test = byName.get(`${record.file}\u0000${record.test}`)
        if (!test) return { ...record, state: 'unknown' }
        // Jest names a test by its titles joined with spaces; the report joins them with ` > `.
        const name = [...test.ancestorTitles, test.title].join(' > ')
        const attempts = record.attempts.map((a) => (a.test === record.test ? { ...a, test: name } : a))
        return { ...record, test: name, attempts, state: test.status }
      })
      finishRun({
        settings: this.#settings,
        records,
        runner: RUNNER,
        log: (text) => process.stderr.write(`${text}\n`),
      })
    } finally {
      removeRecords(this.#channel)
    }
  }
}
