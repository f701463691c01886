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

/** Runs in the thread that writes the report: gathers what its worker threads post. */
export class ThreadCollector {
  readonly attempts: FileAttempt[] = []
  readonly children: UnguardedChild[] = []
  readonly #threads = new Map<number, ReportProcess>()
  readonly #channel: BroadcastChannel

  constructor(runId: string) {
    const name = `egress-guard:${runId}:${process.pid}:${threadId}`
    this.#channel = new BroadcastChannel(name)
    this.#channel.onmessage = (event) => this.#take((event as { data: ThreadMessage }).data)
    this.#channel.unref()
    setEnvironmentData(kCollector, name)
  }

  /** Take every message still queued, synchronously (safe in an `exit` handler). */
  drain(): void {
    for (;;) {
      const received = receiveMessageOnPort(this.#channel as unknown as MessagePort)
      if (!received) return
      this.#take(received.message as ThreadMessage)
    }
  }

  /** One entry per worker thread seen; a thread that sent no `end` was terminated. */
  threads(): ReportProcess[] {
    return [...this.#threads.values()].map((t) => ({ ...t, ending: t.ending || 'worker terminated' }))
  }

  #take(message: ThreadMessage): void {
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
