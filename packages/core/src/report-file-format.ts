/**
 * The shape of the report file (ADR 0015): one JSON document for a whole run, written by the
 * preload, `egress-guard run` and the Vitest reporter, read by the CLI. Types only: the writer is
 * report-file.ts, the reader report-file-parse.ts.
 */
import type { EgressAttempt, EgressDestination } from './report.js'

/** An attempt as stored in a report file: which process (and thread) made it, in which project. */
export type FileAttempt = EgressAttempt & { pid?: number; threadId?: number; project?: string }

/** One guarded Node process or worker thread that contributed to the report. */
export interface ReportProcess {
  pid: number
  ppid: number
  threadId: number
  argv: string[]
  startedAt: string
  endedAt: string
  /** How it ended: `exit 0`, `signal SIGTERM`, `uncaught exception`, `worker terminated`, … */
  ending: string
  attempts: number
}

/** A child process that is not Node: the guard does not run inside it, so only its start is known. */
export interface UnguardedChild {
  file: string
  args: string[]
  /** The process that started it. */
  parentPid: number
  timestamp: string
  stack?: string
}

export interface EgressReportFile {
  /** The JSON Schema of this format (`schema/report.schema.json` in the package), for editors. */
  $schema?: string
  egressGuardReport: 1
  runId: string
  mode?: string
  rules?: string[]
  /** Projects that ran (test-runner reports); the baseline keeps one destination list per project. */
  projects?: string[]
  processes: ReportProcess[]
  children: UnguardedChild[]
  attempts: FileAttempt[]
  violations: FileAttempt[]
  destinations: EgressDestination[]
}

/** What one writer (a process, a thread, a test runner's reporter) puts in the report. */
export interface ReportContribution {
  runId: string
  mode?: string | undefined
  rules?: readonly string[] | undefined
  /** Projects that ran (test-runner reports). */
  projects?: readonly string[] | undefined
  processes: ReportProcess[]
  attempts: FileAttempt[]
  children: UnguardedChild[]
  /** Replace this process's earlier entries (a second write after a signal that did not end it). */
  replacePid?: number
  /** The folder stack locations are made relative to (default: `repositoryRoot()`). */
  root?: string | undefined
}
