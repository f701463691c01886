/**
 * Patch point: undici's global dispatcher, on both `Symbol.for('undici.globalDispatcher.1')`
 * (Node's fetch and WebSocket up to Node 24, npm undici ≤ 7) and `.2` (npm undici 8, Node 26's
 * fetch). Each is replaced by a guarded view of itself (undici-guarded-dispatcher.ts), so method and
 * URL are judged before any socket. See adr/0005-undici-dispatcher-symbols.md.
 *
 * - Node creates its dispatcher lazily, on first use of fetch/Headers/WebSocket. The guard does not
 *   force it (loading Node's bundled undici costs 15-20 ms per process, paid by every guarded test
 *   worker even when nothing uses fetch): a dispatcher created later is wrapped on its first
 *   request (`undici:request:create`), and that request is judged on that channel before undici
 *   writes it, and at the socket. A symbol still absent is left absent (never invented).
 * - undici's `setGlobalDispatcher()` redefines the (non-configurable, writable) properties, which no
 *   patch can intercept. A replacement is noticed on the next undici request (`undici:request:create`,
 *   which also judges that request) and re-wrapped. An undici MockAgent is left unwrapped: its mocked
 *   requests are not egress, and its pass-through requests are judged on that channel and at the socket.
 * - Dispose puts back what was there when the guard last wrapped each symbol, unless the user has
 *   replaced it since: a user's `setGlobalDispatcher()` is never undone.
 */
import dc from 'node:diagnostics_channel'
import { patchProperty, type Restore } from '../../guard/patch-property.js'
import type { PatchPoint } from '../../guard/patch-stack.js'
import { guardDispatcher, isGuardedDispatcher } from './guarded-dispatcher.js'
import { onRequestCreate, onSendHeaders } from './request-channel.js'

export const UNDICI_DISPATCHER_SYMBOLS = [
  Symbol.for('undici.globalDispatcher.1'),
  Symbol.for('undici.globalDispatcher.2'),
] as const

interface Slot {
  /** The guarded view installed last. */
  installed: unknown
  /** Restores of each wrap, oldest first. */
  restores: Restore[]
}

let slots: Map<symbol, Slot> | undefined

const globals = globalThis as unknown as Record<symbol, unknown>

function isDispatcher(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { dispatch?: unknown }).dispatch === 'function'
  )
}

/** undici's MockAgent: answers mocked requests itself, so it is not wrapped (see header). */
function isMockAgent(value: object): boolean {
  const agent = value as Record<string, unknown>
  return typeof agent.enableNetConnect === 'function' && typeof agent.pendingInterceptors === 'function'
}

function guardSlot(symbol: symbol, slot: Slot): void {
  const value = globals[symbol]
  if (!isDispatcher(value) || isGuardedDispatcher(value) || isMockAgent(value)) return
  slot.restores.push(patchProperty<object>(globalThis, symbol, guardDispatcher))
  slot.installed = globals[symbol]
}

/** Wrap any global dispatcher that is not guarded (created lazily, or replaced by the user). */
export function guardGlobalDispatchers(): void {
  if (!slots) return
  for (const [symbol, slot] of slots) if (globals[symbol] !== slot.installed) guardSlot(symbol, slot)
}

function restoreSlots(): void {
  const current = slots
  slots = undefined
  if (!current) return
  for (const [symbol, slot] of current) {
    const last = slot.restores.at(-1)
    if (last && globals[symbol] === slot.installed) last()
  }
}

function onCreate(message: unknown): void {
  guardGlobalDispatchers()
  onRequestCreate(message)
}

export const undiciDispatcherPatch: PatchPoint = {
  name: "undici global dispatcher (Symbol.for('undici.globalDispatcher.1'/'.2'))",
  install: (stack) => {
    slots = new Map(UNDICI_DISPATCHER_SYMBOLS.map((s) => [s, { installed: undefined, restores: [] }]))
    stack.push(restoreSlots)
    guardGlobalDispatchers()
    dc.subscribe('undici:request:create', onCreate)
    stack.push(() => dc.unsubscribe('undici:request:create', onCreate))
    dc.subscribe('undici:client:sendHeaders', onSendHeaders)
    stack.push(() => dc.unsubscribe('undici:client:sendHeaders', onSendHeaders))
  },
}
