/**
 * Run a synchronous callback when this process (or worker thread) ends: normal exit,
 * `process.exit()`, an uncaught exception, and SIGINT / SIGTERM / SIGHUP. For a signal that nothing
 * else handles, the callback runs and the signal is raised again, so the process dies of it with the
 * exit status a shell expects (130, 143, …). When the application has its own handler, that handler
 * decides; the callback runs at the signal and again at the eventual exit.
 */
import { isMainThread } from 'node:worker_threads'

export type EndCallback = (ending: string) => void

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

export function onProcessEnd(callback: EndCallback): void {
  let uncaught = false
  process.on('uncaughtExceptionMonitor', () => {
    uncaught = true
  })
  process.on('exit', (code) => {
    callback(uncaught ? `uncaught exception (exit ${code})` : `exit ${code}`)
  })
  if (!isMainThread) return
  for (const signal of SIGNALS) {
    const handler = () => {
      const alone = process.listenerCount(signal) === 1
      callback(`signal ${signal}`)
      if (!alone) return
      process.removeListener(signal, handler)
      process.kill(process.pid, signal)
    }
    process.on(signal, handler)
  }
}
