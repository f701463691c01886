/**
 * Worker threads hand what they record to the thread that writes the report, over a
 * `BroadcastChannel`. Messages are posted as attempts happen, and the collecting thread drains the
 * channel synchronously when it ends (`receiveMessageOnPort`), so a worker that is terminated, or a
 * process that calls `process.exit()` while workers run, loses nothing already posted.
 */
import {
  BroadcastChannel,
  getEnvironmentData,
  type MessagePort,
  receiveMessageOnPort,
  setEnvironmentData,
  threadId,
} from 'node:worker_threads'
import type { FileAttempt, ReportProcess, UnguardedChild } from '../report-file.js'

const kCollector = 'egress-guard.collector.v1'

export type ThreadMessage =
  | { type: 'start'; process: ReportProcess }
  | { type: 'attempt'; attempt: FileAttempt }
  | { type: 'child'; child: UnguardedChild }
  | { type: 'end'; threadId: number; ending: string; endedAt: string }

/** The channel of the thread that collects for this one, if an ancestor thread runs the preload. */
export function collectorChannelName(): string | undefined {
  const name = getEnvironmentData(kCollector)
  return typeof name === 'string' ? name : undefined
}

/** Name the collector of workers created from now on; returns a function that puts the old one back. */
export function setCollectorChannelName(name: string): () => void {
  const previous = getEnvironmentData(kCollector)
  setEnvironmentData(kCollector, name)
  return () => setEnvironmentData(kCollector, previous as string)
}

/**
 * What one thread learnt of its worker threads (and, replaying a journal, of itself): attempts,
 * unguarded children, and one entry per thread.
 */
export class ThreadRecords {
  readonly attempts: FileAttempt[] = []
  readonly children: UnguardedChild[] = []
  readonly #threads = new Map<number, ReportProcess>()

  /** One entry per thread seen; a thread that sent no `end` ended as `unended` says. */
  threads(unended = 'worker terminated'): ReportProcess[] {
    return [...this.#threads.values()].map((t) => ({ ...t, ending: t.ending || unended }))
  }

  take(message: ThreadMessage): void {
    if (message.type === 'attempt') {
      this.attempts.push(message.attempt)
      const thread = this.#threads.get(message.attempt.threadId ?? -1)
      if (thread) thread.attempts++
    } else if (message.type === 'child') {
      this.children.push(message.child)
    } else if (message.type === 'start') {
      this.#threads.set(message.process.threadId, { ...message.process, attempts: 0 })
    } else if (message.type === 'end') {
      const thread = this.#threads.get(message.threadId)
      if (thread) {
        thread.ending = message.ending
        thread.endedAt = message.endedAt
      }
    }
  }
}

/** Runs in the thread that writes the report: gathers what its worker threads post. */
export class ThreadCollector extends ThreadRecords {
  readonly #channel: BroadcastChannel

  /** `onMessage` sees every message as it arrives (the journal keeps them on disk). */
  constructor(runId: string, onMessage?: (message: ThreadMessage) => void) {
    super()
    const name = `egress-guard:${runId}:${process.pid}:${threadId}`
    this.#channel = new BroadcastChannel(name)
    this.#channel.onmessage = (event) => {
      const message = (event as { data: ThreadMessage }).data
      this.take(message)
      onMessage?.(message)
    }
    this.#channel.unref()
    setEnvironmentData(kCollector, name)
  }

  /** Take every message still queued, synchronously (safe in an `exit` handler). */
  drain(): void {
    for (;;) {
      const received = receiveMessageOnPort(this.#channel as unknown as MessagePort)
      if (!received) return
      this.take(received.message as ThreadMessage)
    }
  }
}

/** Runs in a worker thread: posts to the collecting thread. */
export class ThreadForwarder {
  readonly #channel: BroadcastChannel

  constructor(name: string) {
    this.#channel = new BroadcastChannel(name)
    this.#channel.unref()
  }

  send(message: ThreadMessage): void {
    this.#channel.postMessage(message)
  }
}
