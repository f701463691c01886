/**
 * Patch point: global `WebSocket`, for the error only. A WebSocket whose connection the guard
 * refuses fails with undici's bare `TypeError` on an `ErrorEvent` with no message: nothing says
 * why. This subclass watches the scope's report while the socket connects and, when the guard
 * refused its destination, gives the event's error the `EgressBlockedError` as its `cause` and
 * `code: 'ERR_EGRESS_BLOCKED'`, before the user's listeners run (ADR 0021).
 *
 * A convenience layer: judging stays with the dispatcher, socket and handle layers. Where
 * `WebSocket` is not a plain writable global (absent, an accessor in a DOM environment), it steps
 * aside.
 */
import type { PatchPoint } from '../../guard/patch-stack.js'
import type { EgressAttempt, Judge } from '../../guard/port.js'
import { currentJudge } from '../../guard/port.js'

type WebSocketClass = typeof globalThis.WebSocket

/**
 * Node's `WebSocket` global is a lazy property: reading it (even its descriptor) loads Node's whole
 * bundled undici, 25-50 ms, which every guarded test worker would pay (measured: the Vitest gate
 * went from 1.03x to 1.27x an empty setup file's wall time). So the wrapper is installed only when
 * undici is already loaded (a global dispatcher exists: fetch ran); otherwise a refused WebSocket
 * still fails and is recorded, with undici's own error.
 */
function undiciLoaded(): boolean {
  return (
    Symbol.for('undici.globalDispatcher.1') in globalThis ||
    Symbol.for('undici.globalDispatcher.2') in globalThis
  )
}

function canWrap(): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'WebSocket')
  if (!descriptor || !('value' in descriptor) || typeof descriptor.value !== 'function') return false
  return descriptor.configurable === true || descriptor.writable === true
}

/** `{ host, port }` of a ws:/wss: URL, as the guard records its connection. */
function endpointOf(url: unknown): { host: string; port: number } | undefined {
  try {
    const parsed = new URL(String(url))
    const secure = parsed.protocol === 'wss:' || parsed.protocol === 'https:'
    const port = parsed.port ? Number(parsed.port) : secure ? 443 : 80
    return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port }
  } catch {
    return undefined
  }
}

function explainRefusal(socket: EventTarget, scope: Judge, url: unknown): void {
  const endpoint = endpointOf(url)
  if (!endpoint) return
  let refused: EgressAttempt | undefined
  const stop = scope.onAttempt((attempt) => {
    if (attempt.verdict === 'blocked' && attempt.host === endpoint.host && attempt.port === endpoint.port) {
      refused ??= attempt
    }
  })
  socket.addEventListener('open', stop, { once: true })
  socket.addEventListener('close', stop, { once: true })
  socket.addEventListener(
    'error',
    (event) => {
      stop()
      const error = (event as { error?: unknown }).error
      if (!refused || !(error instanceof Error)) return
      const cause = scope.errorFor(refused)
      Object.assign(error, { cause, code: cause.code })
      error.message = `${error.message}: ${cause.message}`.replace(/^: /, '')
    },
    { once: true },
  )
}

export const webSocketErrorPatch: PatchPoint = {
  name: 'globalThis.WebSocket (error cause)',
  install: (stack) => {
    if (!undiciLoaded() || !canWrap()) return []
    stack.patch<WebSocketClass>(globalThis, 'WebSocket', (RealWebSocket) => {
      return class WebSocket extends RealWebSocket {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols)
          const scope = currentJudge()
          if (scope) explainRefusal(this, scope, url)
        }
      } as WebSocketClass
    })
  },
}
