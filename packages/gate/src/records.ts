/**
 * Per-test records, and the file channel that carries them from the processes that run tests to
 * the one that reports: each process appends JSON lines to its own file in a directory the
 * reporting process reads at the end. One file per writer, so no locking is needed.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EgressAttempt } from 'egress-guard'
import type { EgressFailure } from './failures.js'

export interface TestRecord {
  version: 1
  project: string
  file: string
  /** The test's full name; absent for code outside tests. */
  test: string | undefined
  /** The runner's outcome, where the writing side knows it (`passed`, `failed`). */
  state?: string | undefined
  mode: 'block' | 'record'
  attempts: EgressAttempt[]
  failures: EgressFailure[]
}

/** The channel directory of a run, named after the runner and the reporting process. */
export function recordsDir(runner: string, reporterPid: number): string {
  return join(tmpdir(), `egress-guard-${runner}-${reporterPid}`)
}

/** Append records to this process's file in `dir` (created if missing). */
export function appendRecords(dir: string, records: readonly TestRecord[]): void {
  if (records.length === 0) return
  mkdirSync(dir, { recursive: true })
  appendFileSync(join(dir, `${process.pid}.jsonl`), records.map((r) => `${JSON.stringify(r)}\n`).join(''))
}

/** Every record in `dir`, file by file; an empty list when it does not exist. */
export function readRecords(dir: string): TestRecord[] {
  let names: string[]
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
  } catch {
    return []
  }
  return names.flatMap((name) =>
    readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as TestRecord),
  )
}

export function removeRecords(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}
