/**
 * Non-Node child processes started by this thread, recorded by the child_process patch. Kept on
 * `globalThis` under a `Symbol.for` key so that two loaded copies of egress-guard share the list.
 */
import type { UnguardedChild } from '../report-file.js'

export interface ProcessRecords {
  readonly children: UnguardedChild[]
  /** Called for each new child (the preload forwards them from worker threads). */
  onChild: ((child: UnguardedChild) => void) | undefined
}

const kProcessRecords = Symbol.for('egress-guard.process-records.v1')

export function processRecords(): ProcessRecords {
  const holder = globalThis as unknown as Record<symbol, ProcessRecords | undefined>
  let records = holder[kProcessRecords]
  if (!records) {
    records = { children: [], onChild: undefined }
    Object.defineProperty(globalThis, kProcessRecords, { value: records, configurable: true })
  }
  return records
}

export function addUnguardedChild(child: UnguardedChild): void {
  const records = processRecords()
  records.children.push(child)
  records.onChild?.(child)
}
