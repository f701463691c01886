/**
 * Mocha's global fixtures, run once in the main process (also with `--parallel`): open the records
 * channel before any test runs, and at the end read every process's records and finish the run
 * (summary, JSON report, annotations, baseline rewrite).
 */
import { mkdirSync } from 'node:fs'
import { finishRun, readRecords, recordsDir, removeRecords } from '@egress-guard/gate'
import { CHANNEL_VARIABLE, RUNNER } from './channel.js'
import { processSettings } from './settings.js'

export function mochaGlobalSetup(): void {
  if (processSettings().mode === 'off') return
  const dir = recordsDir(RUNNER, process.pid)
  removeRecords(dir)
  mkdirSync(dir, { recursive: true })
  process.env[CHANNEL_VARIABLE] = dir
}

export function mochaGlobalTeardown(): void {
  const dir = process.env[CHANNEL_VARIABLE]
  if (!dir) return
  try {
    finishRun({
      settings: processSettings(),
      records: readRecords(dir),
      runner: RUNNER,
      log: (text) => console.log(text),
    })
  } finally {
    removeRecords(dir)
    delete process.env[CHANNEL_VARIABLE]
  }
}
