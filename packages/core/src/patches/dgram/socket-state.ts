/**
 * Read-only views of a dgram socket that Node does not expose publicly: whether it is connected or
 * connecting, and the lookup its handle uses (the `lookup` option given to `createSocket`, else
 * `dns.lookup`). Found through Node's private `state symbol`; when absent, public fallbacks apply.
 */

import type dgram from 'node:dgram'
import dns from 'node:dns'

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string, family?: number) => void

interface DgramState {
  connectState?: number
  handle?: { lookup?: (address: string, callback: LookupCallback) => void } | null
}

const CONNECT_STATE_DISCONNECTED = 0
/** The real `dns.lookup`, taken before any patch, for sockets whose handle lookup cannot be read. */
const realDnsLookup = dns.lookup
let kState: symbol | null | undefined

function stateOf(socket: dgram.Socket): DgramState | undefined {
  if (kState === undefined) {
    kState = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'state symbol') ?? null
  }
  return kState ? (socket as unknown as Record<symbol, DgramState | undefined>)[kState] : undefined
}

/** True when `connect()` has been called and not undone (connecting or connected). */
export function isConnectingOrConnected(socket: dgram.Socket): boolean {
  const state = stateOf(socket)
  if (state && typeof state.connectState === 'number')
    return state.connectState !== CONNECT_STATE_DISCONNECTED
  return connectedPeer(socket) !== undefined
}

/** The peer of a connected socket, else undefined. */
export function connectedPeer(socket: dgram.Socket): { address: string; port: number } | undefined {
  const state = stateOf(socket)
  if (state && typeof state.connectState === 'number' && state.connectState === CONNECT_STATE_DISCONNECTED)
    return undefined
  try {
    const { address, port } = socket.remoteAddress()
    return { address, port }
  } catch {
    return undefined
  }
}

/** Resolve `name` exactly as Node would for this socket: through its handle's lookup. */
export function resolveForSocket(socket: dgram.Socket, name: string, callback: LookupCallback): void {
  const handleLookup = stateOf(socket)?.handle?.lookup
  if (typeof handleLookup === 'function') {
    handleLookup.call(stateOf(socket)?.handle, name, callback)
    return
  }
  const family = (socket as { type?: string }).type === 'udp6' ? 6 : 4
  realDnsLookup(name, { family }, (err, address, resolvedFamily) => callback(err, address, resolvedFamily))
}
