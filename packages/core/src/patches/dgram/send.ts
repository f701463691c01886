/**
 * Patch point: UDP, `dgram.Socket.prototype.send` (`sendto` calls it), `connect` and, where Node has
 * it (24+), `connectSync`. Protocol `udp`. A name is judged before DNS, then resolved with the
 * socket's own lookup and the datagram sent to the judged address. A refused datagram never leaves:
 * `send` fails the way Node fails one (its callback, else an 'error' event, asynchronously),
 * `connect` the way a failed connect does, `connectSync` by throwing.
 */
import dgram from 'node:dgram'
import net from 'node:net'
import { captureCallSite } from '../../guard/call-site.js'
import type { PatchPoint } from '../../guard/patch-stack.js'
import { currentJudge } from '../../guard/port.js'
import { type AnyFunction, patchFunctions } from '../dns/patch-functions.js'
import { judgeDatagram, judgeDatagramAddress } from './destination.js'
import { connectedPeer, isConnectingOrConnected } from './socket-state.js'

/** A port Node accepts for a destination (1–65535), else undefined (Node will throw). */
function toPort(value: unknown): number | undefined {
  const port = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  return typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535 ? port : undefined
}

/** Fail the way Node fails a send or connect: the callback if there is one, else an 'error' event. */
function failWith(socket: dgram.Socket, callback: unknown, error: Error): void {
  if (typeof callback === 'function') callback(error)
  else socket.emit('error', error)
}

function guardSend(realSend: AnyFunction): AnyFunction {
  return function send(this: dgram.Socket, ...args: unknown[]) {
    const scope = currentJudge()
    if (!scope) return realSend.apply(this, args)
    const callback = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined
    const fail = (error: Error) => failWith(this, callback, error)
    const peer = connectedPeer(this)
    if (peer) {
      const target = { host: peer.address, port: peer.port }
      return judgeDatagram(this, scope, target, captureCallSite, {
        proceed: () => realSend.apply(this, args),
        fail,
      })
    }
    // Node's own rule for the long form (msg, offset, length, port, address, cb) vs (msg, port, address, cb).
    const at = args[4] || (args[3] && typeof args[3] !== 'function') ? 4 : 2
    const port = toPort(args[at - 1])
    const address = args[at]
    if (
      port === undefined ||
      (address != null && typeof address !== 'string' && typeof address !== 'function')
    ) {
      return realSend.apply(this, args)
    }
    const host = typeof address === 'string' ? address : ''
    const proceed = (judged: string) => {
      const next = [...args]
      if (host !== '') next[at] = judged
      realSend.apply(this, next)
    }
    return judgeDatagram(this, scope, { host, port }, captureCallSite, { proceed, fail })
  }
}

function guardConnect(realConnect: AnyFunction): AnyFunction {
  return function connect(this: dgram.Socket, ...args: unknown[]) {
    const scope = currentJudge()
    const [rawPort, rawAddress, rawCallback] = args
    const callback = typeof rawAddress === 'function' ? rawAddress : rawCallback
    const address = typeof rawAddress === 'function' || rawAddress === undefined ? '' : rawAddress
    const port = toPort(rawPort)
    if (!scope || port === undefined || typeof address !== 'string' || isConnectingOrConnected(this)) {
      return realConnect.apply(this, args)
    }
    const proceed = (judged: string) => {
      realConnect.call(this, port, address === '' ? address : judged, ...(callback ? [callback] : []))
    }
    const fail = (error: Error) => failWith(this, callback, error)
    return judgeDatagram(this, scope, { host: address, port }, captureCallSite, { proceed, fail })
  }
}

function guardConnectSync(realConnectSync: AnyFunction): AnyFunction {
  return function connectSync(this: dgram.Socket, ...args: unknown[]) {
    const scope = currentJudge()
    const [rawPort, rawAddress] = args
    const port = toPort(rawPort)
    const type = (this as { type?: string }).type
    const address =
      rawAddress == null || rawAddress === '' ? (type === 'udp6' ? '::1' : '127.0.0.1') : rawAddress
    if (
      !scope ||
      port === undefined ||
      typeof address !== 'string' ||
      net.isIP(address) === 0 ||
      isConnectingOrConnected(this)
    ) {
      return realConnectSync.apply(this, args)
    }
    const input = { protocol: 'udp' as const, host: address, port, address }
    const error = judgeDatagramAddress(this, scope, input, captureCallSite())
    if (error) throw error
    return realConnectSync.apply(this, args)
  }
}

export const dgramSendPatch: PatchPoint = {
  name: 'dgram.Socket.prototype.send/connect/connectSync',
  install: (stack) => {
    const prototype = dgram.Socket.prototype
    const label = 'dgram.Socket.prototype'
    patchFunctions(stack, [
      { owner: prototype, label, key: 'send', wrap: guardSend },
      { owner: prototype, label, key: 'connect', wrap: guardConnect },
      { owner: prototype, label, key: 'connectSync', wrap: guardConnectSync, optional: true },
    ])
  },
}
