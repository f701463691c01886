/**
 * The first stack frame that belongs to the user: not egress-guard's, not Node's internals, and not
 * a dependency's inside node_modules when a frame outside node_modules exists.
 */

import { AsyncLocalStorage } from 'node:async_hooks'
import { sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isOwnCode } from '../own-code.js'
import { processWide } from './process-wide.js'

const FRAME = /^\s*at (?:async )?(?:.*? \()?(.*?):(\d+):(\d+)\)?$/

export interface CallSite {
  /** Capture frames now (cheap); format them only when asked. */
  readonly frames: () => string | undefined
}

/**
 * Call sites taken at an API entry point (a `fetch()` call) for the async work it starts: undici
 * dispatches and connects several awaits later, where no user frame is left on the stack. Shared
 * through `Symbol.for` like the rest of the guard state.
 */
const entryCallSites = processWide('entry-call-sites.v1', () => new AsyncLocalStorage<CallSite>())

/** Run `fn` so that call sites captured in the async work it starts are `callSite`. */
export function runWithCallSite<T>(callSite: CallSite, fn: () => T): T {
  return entryCallSites.run(callSite, fn)
}

/** The call site of the current entry point (see `runWithCallSite`), else the current stack. */
export function captureCallSite(): CallSite {
  return entryCallSites.getStore() ?? captureStack()
}

function captureStack(): CallSite {
  const holder: { stack?: string } = {}
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 40
  Error.captureStackTrace(holder, captureStack)
  Error.stackTraceLimit = limit
  let cached: string | undefined | null = null
  return {
    frames: () => {
      if (cached === null) cached = firstUserFrame(holder.stack ?? '')
      return cached
    },
  }
}

/** `file:line:column` of the first user frame in a V8 stack string. */
export function firstUserFrame(stack: string): string | undefined {
  let dependencyFrame: string | undefined
  for (const line of stack.split('\n').slice(1)) {
    const match = FRAME.exec(line)
    if (!match) continue
    let file = match[1] as string
    if (file.startsWith('node:') || file.startsWith('internal/') || !file.includes('/')) continue
    if (file.startsWith('file://')) file = fileURLToPath(file)
    if (isOwnCode(file)) continue
    const location = `${file}:${match[2]}:${match[3]}`
    if (file.includes(`${sep}node_modules${sep}`)) {
      dependencyFrame ??= location
      continue
    }
    return location
  }
  return dependencyFrame
}
