/** The report reduced to what the CLI shows: one row per destination, plus the totals. */
import { destinationKey, type EgressReportFile, type FileAttempt } from 'egress-guard'

export interface DestinationRow {
  destination: string
  protocols: string
  /** The strongest verdict seen: blocked, then recorded, then allowed. */
  verdict: 'blocked' | 'recorded' | 'allowed'
  count: number
  /** `file:line:column` of the first attempt that has one. */
  firstSeen: string
  /** The first attempt to it, for annotations. */
  first: FileAttempt
}

export interface Totals {
  destinations: number
  attempts: number
  blocked: number
  recorded: number
  processes: number
  unguardedChildren: number
}

const RANK = { blocked: 2, recorded: 1, allowed: 0 } as const

export function destinationRows(file: EgressReportFile): DestinationRow[] {
  const rows = new Map<string, DestinationRow>()
  for (const attempt of file.attempts) {
    const key = destinationKey(attempt)
    let row = rows.get(key)
    if (!row) {
      row = { destination: key, protocols: '', verdict: 'allowed', count: 0, firstSeen: '', first: attempt }
      rows.set(key, row)
    }
    row.count++
    if (!row.protocols.split(',').includes(attempt.protocol)) {
      row.protocols = row.protocols ? `${row.protocols},${attempt.protocol}` : attempt.protocol
    }
    if (RANK[attempt.verdict] > RANK[row.verdict]) row.verdict = attempt.verdict
    if (!row.firstSeen && (attempt.stack || attempt.test)) row.firstSeen = attempt.stack ?? attempt.test ?? ''
  }
  return [...rows.values()].sort((a, b) => RANK[b.verdict] - RANK[a.verdict])
}

export function totals(file: EgressReportFile): Totals {
  return {
    destinations: file.destinations.length,
    attempts: file.attempts.length,
    blocked: file.attempts.filter((a) => a.verdict === 'blocked').length,
    recorded: file.attempts.filter((a) => a.verdict === 'recorded').length,
    processes: file.processes.length,
    unguardedChildren: file.children.length,
  }
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

export function totalsLine(t: Totals): string {
  return (
    `egress-guard: ${count(t.destinations, 'destination', 'destinations')}, ` +
    `${count(t.attempts, 'attempt', 'attempts')} (${t.blocked} blocked, ${t.recorded} recorded), ` +
    `${count(t.processes, 'guarded process', 'guarded processes')}, ` +
    `${count(t.unguardedChildren, 'unguarded child process', 'unguarded child processes')}`
  )
}
