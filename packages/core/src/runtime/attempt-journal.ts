/**
 * Records that survive a crash (issue 17): the thread that writes the report file also appends what
 * it records, as it happens, to a journal next to the report, one JSON line per message
 * (`<report>.journal/<run id>.<pid>.jsonl`). The report is still written at exit; the journal is then
 * removed. A process killed with SIGKILL (a CI timeout, the OOM killer) leaves its journal behind,
 * and it loses at most what it recorded in its last 50 ms. The next process of the
 * same run to write the report merges the journals of dead processes into it
 * (`recoverJournals`), as does anything that calls `recoverJournals` before reading a report.
 *
 * The journal never creates the report's directory: a missing directory still fails loudly at exit.
 * A journal that cannot be written (a full disk) says so once and stops; the report at exit decides.
 * A torn last line (the process died mid-write) is skipped with a warning, never a failure.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import { basename, join } from 'node:path'
import { appendToReportFile, type ReportContribution, type ReportProcess } from '../report-file.js'
import { type ThreadMessage, ThreadRecords } from './thread-channel.js'

/** A journal line: the run's settings first, then what the thread collector would see. */
export type JournalLine =
  | { type: 'run'; runId: string; mode?: string; rules?: readonly string[] }
  | ThreadMessage

/** The ending of a process recovered from its journal, when it did not write one itself. */
export const KILLED = 'killed (recovered from its journal)'

/**
 * How long a recorded attempt may wait in memory before it is written: what SIGKILL can lose. One
 * write per attempt cost 8–15 µs per connection on a connect-heavy loopback loop; one per batch
 * costs next to nothing.
 */
const FLUSH_MS = 50

export const journalDirectory = (report: string) => `${report}.journal`

/** Open the journal for this process; `undefined` when it cannot be made (the exit write decides). */
export function openJournal(
  report: string,
  run: { runId: string; mode?: string | undefined; rules?: readonly string[] | undefined },
  me: ReportProcess,
): AttemptJournal | undefined {
  const directory = journalDirectory(report)
  try {
    mkdirSync(directory, { mode: 0o700 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined
  }
  const path = join(directory, `${run.runId.replace(/[^\w-]/g, '_')}.${process.pid}.jsonl`)
  let fd: number
  try {
    fd = openSync(path, 'a', 0o600)
  } catch {
    return undefined
  }
  const journal = new AttemptJournal(path, fd)
  journal.append({ type: 'run', runId: run.runId, mode: run.mode, rules: run.rules })
  journal.append({ type: 'start', process: me })
  journal.flush()
  return journal
}

export class AttemptJournal {
  readonly path: string
  #fd: number | undefined
  #pending: string[] = []
  #scheduled = false

  constructor(path: string, fd: number) {
    this.path = path
    this.#fd = fd
  }

  /** Queue a line; what is queued is written every FLUSH_MS (and at exit): one write per batch. */
  append(line: JournalLine): void {
    if (this.#fd === undefined) return
    this.#pending.push(`${JSON.stringify(line)}\n`)
    if (this.#scheduled) return
    this.#scheduled = true
    setTimeout(() => this.flush(), FLUSH_MS).unref()
  }

  /** Write what is queued, now (synchronously: safe in an `exit` handler). */
  flush(): void {
    this.#scheduled = false
    if (this.#fd === undefined || this.#pending.length === 0) return
    const text = this.#pending.join('')
    this.#pending = []
    try {
      writeSync(this.#fd, text)
    } catch (error) {
      process.stderr.write(
        `egress-guard: could not write the attempt journal ${this.path}: ${(error as Error).message}; attempts will be written at exit only\n`,
      )
      this.close()
    }
  }

  /** The report was written: remove the journal, or (`keep`) note how the process ended. */
  written(ending: { ending: string; endedAt: string; threadId: number }, keep: boolean): void {
    if (keep) {
      this.append({ type: 'end', ...ending })
      this.flush()
      return
    }
    this.close()
    rmSync(this.path, { force: true })
    try {
      rmdirSync(join(this.path, '..'))
    } catch {
      // Another process's journal is still there.
    }
  }

  close(): void {
    if (this.#fd === undefined) return
    const fd = this.#fd
    this.#fd = undefined
    this.#pending = []
    try {
      closeSync(fd)
    } catch {
      // Already closed.
    }
  }
}

export interface ReadJournal {
  contribution: ReportContribution
  warnings: string[]
}

/**
 * Read a journal back into what its process would have added to the report. A torn last line is
 * skipped with a warning; so is any other line that is not JSON.
 */
export function readJournal(path: string, text = readFileSync(path, 'utf8')): ReadJournal {
  const warnings: string[] = []
  const lines = text.split('\n')
  const last = lines.pop() ?? ''
  if (last !== '') warnings.push(`${path}: skipped a torn last line (the process died while writing it)`)
  const records = new ThreadRecords()
  let run: Extract<JournalLine, { type: 'run' }> | undefined
  for (const [index, line] of lines.entries()) {
    if (line === '') continue
    let parsed: JournalLine
    try {
      parsed = JSON.parse(line) as JournalLine
    } catch {
      warnings.push(`${path}:${index + 1}: skipped a line that is not JSON`)
      continue
    }
    if (parsed.type === 'run') run ??= parsed
    else records.take(parsed)
  }
  const pid = pidOf(path)
  const endedAt = new Date(safeMtime(path)).toISOString()
  const processes = records.threads(KILLED).map((p) => ({ ...p, endedAt: p.endedAt || endedAt }))
  return {
    contribution: {
      runId: run?.runId ?? basename(path).split('.')[0] ?? '',
      ...(run?.mode !== undefined ? { mode: run.mode } : {}),
      ...(run?.rules !== undefined ? { rules: run.rules } : {}),
      processes,
      attempts: records.attempts,
      children: records.children,
      // The journal holds everything the process recorded: it replaces what the process wrote itself.
      ...(pid !== undefined ? { replacePid: pid } : {}),
    },
    warnings,
  }
}

export interface Recovered {
  /** Journals merged into the report (and removed). */
  merged: string[]
  warnings: string[]
}

/**
 * Merge into `report` the journals of processes that are no longer running, of run `runId` (by
 * default, the run the report file names), then remove them. Journals of running processes, and of
 * other runs, are left alone: merging another run would replace the report.
 */
export function recoverJournals(
  report: string,
  options: { runId?: string; exceptPid?: number } = {},
): Recovered {
  const directory = journalDirectory(report)
  const result: Recovered = { merged: [], warnings: [] }
  let names: string[]
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.jsonl'))
  } catch {
    return result
  }
  // Without a run to match, the run of the newest journal: the one a killed run left last.
  const newest = [...names].sort((a, b) => safeMtime(join(directory, b)) - safeMtime(join(directory, a)))[0]
  const runId = options.runId ?? runOfReport(report) ?? (newest && readRunId(join(directory, newest)))
  for (const name of names.sort()) {
    const pid = pidOf(name)
    if (pid === undefined || pid === options.exceptPid || isRunning(pid)) continue
    const path = join(directory, name)
    let read: ReadJournal
    try {
      read = readJournal(path)
    } catch {
      continue // removed by another process recovering it at the same time
    }
    if (runId !== undefined && read.contribution.runId !== runId) continue
    appendToReportFile(report, read.contribution)
    rmSync(path, { force: true })
    result.merged.push(path)
    result.warnings.push(...read.warnings)
  }
  try {
    rmdirSync(directory)
  } catch {
    // Not empty, or already gone.
  }
  return result
}

function pidOf(path: string): number | undefined {
  const match = /\.(\d+)\.jsonl$/.exec(basename(path))
  return match ? Number(match[1]) : undefined
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function safeMtime(path: string): number {
  try {
    return statSync(path).mtimeMs
  } catch {
    return Date.now()
  }
}

function readRunId(path: string): string | undefined {
  try {
    return readJournal(path).contribution.runId
  } catch {
    return undefined
  }
}

function runOfReport(report: string): string | undefined {
  try {
    const runId = (JSON.parse(readFileSync(report, 'utf8')) as { runId?: unknown }).runId
    return typeof runId === 'string' ? runId : undefined
  } catch {
    return undefined
  }
}
