/**
 * What the preload does once it knows the guard is on (register.ts decides that without loading
 * this module graph).
 *
 * Configured by `EGRESS_GUARD_MODE` (block | record | off), `EGRESS_GUARD_ALLOW` (comma list of rules)
 * and `EGRESS_GUARD_REPORT` (path of the JSON report). It guards the process for its whole life,
 * passes itself on to every child process and worker thread, and writes the report when the process
 * ends (normal exit, `process.exit()`, uncaught exception, SIGINT/SIGTERM/SIGHUP), merged with the
 * other processes of the same run (ADR 0015). Loading it twice in one thread does nothing the second time.
 */
import { isMainThread, threadId } from 'node:worker_threads'
import { egressGuard } from '../guard.js'
import type { EgressReport } from '../report.js'
import { appendToReportFile, type ReportProcess } from '../report-file.js'
import { openJournal, recoverJournals } from './attempt-journal.js'
import { type EnvConfig, envOf, readEnvConfig } from './env-config.js'
import { onProcessEnd } from './exit-hooks.js'
import { nodeOptionsWithPreload } from './preload-path.js'
import { processRecords } from './process-records.js'
import { collectorChannelName, ThreadCollector, ThreadForwarder } from './thread-channel.js'

const kRegistered = Symbol.for('egress-guard.register.v1')

function thisProcess(): ReportProcess {
  return {
    pid: process.pid,
    ppid: process.ppid,
    threadId,
    argv: [...process.argv],
    startedAt: new Date().toISOString(),
    endedAt: '',
    ending: '',
    attempts: 0,
  }
}

/** Children and workers inherit the guard through the environment. */
function propagate(config: EnvConfig): void {
  Object.assign(process.env, envOf(config))
  process.env.NODE_OPTIONS = nodeOptionsWithPreload(process.env.NODE_OPTIONS)
}

/** In a worker whose ancestor thread writes the report: post everything to that thread. */
function forwardToCollector(channel: string, report: EgressReport, me: ReportProcess): void {
  const forwarder = new ThreadForwarder(channel)
  forwarder.send({ type: 'start', process: me })
  report.subscribe((attempt) => {
    forwarder.send({ type: 'attempt', attempt: { ...attempt, pid: process.pid, threadId } })
  })
  processRecords().onChild = (child) => forwarder.send({ type: 'child', child })
  process.on('exit', (code) => {
    forwarder.send({ type: 'end', threadId, ending: `exit ${code}`, endedAt: new Date().toISOString() })
  })
}

/**
 * In the thread that writes the report: journal what is recorded as it happens (attempt-journal.ts),
 * merge the journals that killed processes of the run left, and write the report when the process
 * ends.
 */
function writeOnEnd(config: EnvConfig & { report: string }, report: EgressReport, me: ReportProcess): void {
  const journal = openJournal(
    config.report,
    { runId: config.runId, mode: config.mode, rules: config.allow },
    me,
  )
  const collector = new ThreadCollector(config.runId, journal && ((message) => journal.append(message)))
  if (journal) {
    report.subscribe((attempt) =>
      journal.append({ type: 'attempt', attempt: { ...attempt, pid: process.pid, threadId } }),
    )
    processRecords().onChild = (child) => journal.append({ type: 'child', child })
  }
  let writes = 0
  onProcessEnd((ending) => {
    collector.drain()
    journal?.flush()
    me.endedAt = new Date().toISOString()
    me.ending = ending
    me.attempts = report.attempts.length
    try {
      const recovered = recoverJournals(config.report, { runId: config.runId, exceptPid: process.pid })
      for (const warning of recovered.warnings) process.stderr.write(`egress-guard: ${warning}\n`)
    } catch (error) {
      process.stderr.write(
        `egress-guard: could not merge the journals of killed processes: ${(error as Error).message}\n`,
      )
    }
    try {
      appendToReportFile(config.report, {
        runId: config.runId,
        mode: config.mode,
        rules: config.allow,
        processes: [me, ...collector.threads()],
        attempts: [
          ...report.attempts.map((a) => ({ ...a, pid: process.pid, threadId })),
          ...collector.attempts,
        ],
        children: [...processRecords().children, ...collector.children],
        ...(writes > 0 ? { replacePid: process.pid } : {}),
      })
      writes++
      // After a signal the process may go on (its own handler decided): keep journaling until exit.
      journal?.written({ ending, endedAt: me.endedAt, threadId }, ending.startsWith('signal'))
    } catch (error) {
      process.stderr.write(
        `egress-guard: could not write report ${config.report}: ${(error as Error).message}${journal ? ` (what was recorded is kept in ${journal.path})` : ''}\n`,
      )
      if (!process.exitCode) process.exitCode = 70
    }
  })
}

export function registerGuard(): void {
  const holder = globalThis as unknown as Record<symbol, boolean | undefined>
  if (holder[kRegistered]) return
  Object.defineProperty(globalThis, kRegistered, { value: true })

  const config = readEnvConfig()
  if (config.mode === 'off') return
  const channel = isMainThread ? undefined : collectorChannelName()
  // The thread that writes the report file writes every attempt, so its report keeps them all.
  const writesFile = !channel && config.report !== undefined
  const guard = egressGuard({
    mode: config.mode,
    allow: config.allow,
    stacks: config.stacks,
    ...(writesFile ? { maxAttempts: Number.POSITIVE_INFINITY } : {}),
  })
  propagate(config)

  const me = thisProcess()
  if (channel) forwardToCollector(channel, guard.report, me)
  else if (config.report !== undefined) writeOnEnd({ ...config, report: config.report }, guard.report, me)
}
