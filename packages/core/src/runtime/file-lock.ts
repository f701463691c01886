/**
 * A cross-process lock for one file, made of a directory: `mkdir` is atomic on every local file
 * system, so exactly one process creates `<file>.lock`. Synchronous on purpose: the report is
 * written from `process.on('exit')`, where nothing asynchronous runs.
 */
import { mkdirSync, rmdirSync, statSync } from 'node:fs'
import { EgressGuardError } from '../errors.js'

/** A lock older than this was left by a process that died holding it (a merge takes milliseconds). */
const STALE_MS = 5_000
const TIMEOUT_MS = 15_000
const sleeper = new Int32Array(new SharedArrayBuffer(4))

function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms)
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}

/** Remove a lock directory left behind by a dead holder; true when it was stale and is gone. */
function removeStaleLock(lock: string): boolean {
  try {
    if (Date.now() - statSync(lock).mtimeMs < STALE_MS) return false
    rmdirSync(lock)
    return true
  } catch (error) {
    return errorCode(error) === 'ENOENT'
  }
}

/** Run `fn` while holding the lock of `file`; always releases it. */
export function withFileLock<T>(file: string, fn: () => T): T {
  const lock = `${file}.lock`
  const deadline = Date.now() + TIMEOUT_MS
  let wait = 1
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') {
        throw new EgressGuardError(
          `egress-guard cannot lock ${file}: ${(error as Error).message}`,
          'ERR_EGRESS_GUARD',
          {
            cause: error,
          },
        )
      }
    }
    if (removeStaleLock(lock)) continue
    if (Date.now() > deadline) {
      throw new EgressGuardError(
        `egress-guard waited ${TIMEOUT_MS} ms for the lock ${lock}; remove it if no run is active`,
      )
    }
    sleepSync(wait)
    wait = Math.min(wait * 2, 20)
  }
  try {
    return fn()
  } finally {
    try {
      rmdirSync(lock)
    } catch {
      // already removed as stale by another process after an unusually long hold
    }
  }
}
