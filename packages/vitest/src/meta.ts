/**
 * What a worker hands the reporter about one test (or one file, for connections made outside any
 * test): plain JSON in the task's `meta`, which Vitest serialises to the main process with the result.
 */
import type { EgressAttempt } from 'egress-guard'

/** Key under `task.meta`. */
export const META_KEY = 'egressGuard'

export interface EgressTaskMeta {
  version: 1
  /** The mode the gate ended in (`record` when the test called `recordEgress()`). */
  mode: 'block' | 'record'
  /** Every attempt judged while the test (or, for a file, code outside tests) ran, in order. */
  attempts: EgressAttempt[]
  /** Destinations that failed the task: blocked, or recorded but missing from the baseline. */
  failures: EgressFailure[]
}

export interface EgressFailure {
  destination: string
  kind: 'blocked' | 'new-destination'
  /** `file:line:column` of the first user stack frame that opened the connection. */
  stack?: string | undefined
}

/** Read the integration's meta from a task's meta object, if it has any. */
export function egressMetaOf(meta: unknown): EgressTaskMeta | undefined {
  if (typeof meta !== 'object' || meta === null) return undefined
  const value = (meta as Record<string, unknown>)[META_KEY]
  if (typeof value !== 'object' || value === null || (value as EgressTaskMeta).version !== 1) return undefined
  return value as EgressTaskMeta
}

export function writeEgressMeta(meta: object, value: EgressTaskMeta): void {
  ;(meta as Record<string, unknown>)[META_KEY] = value
}
