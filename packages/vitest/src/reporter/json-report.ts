/** The JSON report file: every attempt of every test, the attempts made outside tests, and a per-destination index. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { RunEgress } from './collect.js'

export interface EgressRunReport extends RunEgress {
  version: 1
  generatedAt: string
}

export function writeRunReport(file: string, run: RunEgress): EgressRunReport {
  const report: EgressRunReport = { version: 1, generatedAt: new Date().toISOString(), ...run }
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, `${JSON.stringify(report, null, 2)}\n`)
  renameSync(temp, file)
  return report
}
