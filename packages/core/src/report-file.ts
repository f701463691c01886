/**
 * The report file: one JSON document for a whole process tree (processes, worker threads), written
 * atomically (temporary file, then rename) and merged under a lock (ADR 0015). Every process of one
 * run carries the same run id (`EGRESS_GUARD_RUN_ID`); a process adds its own entries to the file
 * when it ends, keeping what the other processes of the same run wrote and replacing a file left by
 * an earlier run.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { threadId } from 'node:worker_threads'
import { EgressReport } from './report.js'
import { ReportFileError } from './report-file-error.js'
import type { EgressReportFile, ReportContribution } from './report-file-format.js'
import { parseReportFile } from './report-file-parse.js'
import { repositoryRoot, rootRelativeLocation } from './report-file-root.js'
import { REPORT_SCHEMA_URL } from './report-file-schema.js'
import { withFileLock } from './runtime/file-lock.js'

export { ReportFileError } from './report-file-error.js'
export type {
  EgressReportFile,
  FileAttempt,
  ReportContribution,
  ReportProcess,
  UnguardedChild,
} from './report-file-format.js'
export { parseReportFile } from './report-file-parse.js'

/** Write `text` to `path` so that readers see the old file or the new one, never a part. */
export function writeFileAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.${threadId}.${randomSuffix()}.tmp`
  try {
    writeFileSync(temporary, text)
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}

/**
 * Build a complete report document from its parts; violations and destinations are derived, and
 * every stack location is made relative to the repository root (`parts.root`, else
 * `repositoryRoot()`). Locations outside the root stay absolute.
 */
export function buildReportFile(parts: ReportContribution): EgressReportFile {
  const root = parts.root ?? repositoryRoot()
  const attempts = parts.attempts.map((a) => withRelativeStack(a, root)).sort(byTime)
  const report = new EgressReport()
  for (const attempt of attempts) report.add(attempt)
  const file: EgressReportFile = {
    $schema: REPORT_SCHEMA_URL,
    egressGuardReport: 1,
    runId: parts.runId,
    processes: [...parts.processes],
    children: parts.children.map((c) => withRelativeStack(c, root)).sort(byTime),
    attempts,
    violations: attempts.filter((a) => a.verdict !== 'allowed'),
    destinations: report.destinations(),
  }
  if (parts.mode !== undefined) file.mode = parts.mode
  if (parts.rules !== undefined) file.rules = [...parts.rules]
  if (parts.projects !== undefined) file.projects = [...parts.projects]
  return file
}

/**
 * Add one process's entries to the report at `path`, under the file's lock: entries of the same run
 * already there are kept; a file from another run, or one that cannot be read, is replaced.
 */
export function appendToReportFile(path: string, contribution: ReportContribution): void {
  withFileLock(path, () => {
    const previous = withoutPid(readSameRun(path, contribution.runId), contribution.replacePid)
    const merged = buildReportFile({
      runId: contribution.runId,
      mode: contribution.mode ?? previous?.mode,
      rules: contribution.rules ?? previous?.rules,
      projects: contribution.projects ?? previous?.projects,
      processes: [...(previous?.processes ?? []), ...contribution.processes],
      attempts: [...(previous?.attempts ?? []), ...contribution.attempts],
      children: [...(previous?.children ?? []), ...contribution.children],
    })
    writeFileAtomically(path, `${JSON.stringify(merged, null, 2)}\n`)
  })
}

function withoutPid(
  file: EgressReportFile | undefined,
  pid: number | undefined,
): EgressReportFile | undefined {
  if (!file || pid === undefined) return file
  return {
    ...file,
    processes: file.processes.filter((p) => p.pid !== pid),
    attempts: file.attempts.filter((a) => a.pid !== pid),
    children: file.children.filter((c) => c.parentPid !== pid),
  }
}

function readSameRun(path: string, runId: string): EgressReportFile | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
  try {
    const file = parseReportFile(text, path)
    return file.runId === runId ? file : undefined
  } catch (error) {
    if (error instanceof ReportFileError) return undefined
    throw error
  }
}

/** Read and validate a report file; a missing or malformed file throws `ReportFileError` (one line). */
export function readReportFile(path: string): EgressReportFile {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new ReportFileError(path, code === 'ENOENT' ? 'no such file' : (error as Error).message)
  }
  return parseReportFile(text, path)
}

/** The report as the public `EgressReport` class, for code that wants its methods. */
export function toEgressReport(file: Pick<EgressReportFile, 'attempts'>): EgressReport {
  const report = new EgressReport()
  for (const attempt of file.attempts) report.add(attempt)
  return report
}

function withRelativeStack<T extends { stack?: string | undefined }>(entry: T, root: string): T {
  if (!entry.stack) return entry
  const stack = rootRelativeLocation(entry.stack, root)
  return stack === entry.stack ? entry : { ...entry, stack }
}

function byTime(a: { timestamp: string }, b: { timestamp: string }): number {
  return a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0
}

/** Eight hex digits. node:crypto is loaded here, on first write: importing it up front costs every process that loads egress-guard 2-3 ms. */
function randomSuffix(): string {
  return process.getBuiltinModule('node:crypto').randomBytes(4).toString('hex')
}
