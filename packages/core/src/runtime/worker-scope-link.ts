/**
 * A Worker started inside a guard scope, in a thread where no preload collects (a test under a
 * Vitest gate, a `withEgressGuard` block): the worker runs the preload, and what it records is
 * posted back here and added to the report of the scope that started it and of the enclosing ones,
 * so a violation inside a worker shows in the caller's report like one made in the caller's thread.
 */
import {
  BroadcastChannel,
  type MessagePort,
  receiveMessageOnPort,
  threadId,
  type Worker,
} from 'node:worker_threads'
import type { GuardScope } from '../guard/scope.js'
import { addUnguardedChild } from './process-records.js'
import { setCollectorChannelName, type ThreadMessage } from './thread-channel.js'

let links = 0

export interface WorkerScopeLink {
  /** Call right after the Worker is constructed: the channel name was copied into it. */
  attach(worker: Worker): void
  /** Call if constructing the Worker failed. */
  abandon(): void
}

export function linkWorkerToScope(scope: GuardScope): WorkerScopeLink {
  const name = `egress-guard:scope:${process.pid}:${threadId}:${++links}`
  const channel = new BroadcastChannel(name)
  channel.unref()
  const take = (message: ThreadMessage) => {
    if (message.type === 'attempt') {
      for (let s: GuardScope | undefined = scope; s; s = s.parent) s.report.add(message.attempt)
    } else if (message.type === 'child') {
      addUnguardedChild(message.child)
    }
  }
  channel.onmessage = (event) => take((event as { data: ThreadMessage }).data)
  const restore = setCollectorChannelName(name)
  return {
    attach(worker) {
      restore()
      worker.once('exit', () => {
        for (;;) {
          const received = receiveMessageOnPort(channel as unknown as MessagePort)
          if (!received) break
          take(received.message as ThreadMessage)
        }
        channel.close()
      })
    },
    abandon() {
      restore()
      channel.close()
    },
  }
}
