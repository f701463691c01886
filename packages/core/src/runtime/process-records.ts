/**
 * Non-Node child processes started by this thread, recorded by the child_process patch. Kept on
 * `globalThis` under a `Symbol.for` key so that two loaded copies of egress-guard share the list.
 */

import { processWide } from '../guard/process-wide.js'
import type { UnguardedChild } from '../report-file.js'

export interface ProcessRecords {
  readonly children: UnguardedChild[]
  /** Called for each new child (the preload forwards them from worker threads). */
  onChild: ((child: UnguardedChild) => void) | undefined
}

export function processRecords(): ProcessRecords {
  return processWide<ProcessRecords>('process-records.v1', () => ({ children: [], onChild: undefined }))
}

export function addUnguardedChild(child: UnguardedChild): void {
  const records = processRecords()
  records.children.push(child)
  records.onChild?.(child)
}
