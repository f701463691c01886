/**
 * Patch point: the UDP handle's `send`/`send6` and `connect`/`connect6` (udp_wrap), the last step
 * before the kernel, as tcp-handle.ts is for TCP. The dgram layer (dgram-send.ts) judges names and
 * addresses and lets a judged destination through; this layer judges what did not come that way:
 * a raw `process.binding('udp_wrap')` handle, and, on a socket the dgram layer judges, an address
 * its own `lookup` option answered differently from the name the dgram layer judged. A refusal
 * returns EACCES: nothing is sent. A dgram socket none of whose sends went through the dgram layer
 * (sends through a `send` saved before the guard) is left alone: that is the sandbox's case.
 */
import { captureCallSite } from '../../guard/call-site.js'
import type { PatchPoint } from '../../guard/patch-stack.js'
import { type AttemptInput, currentJudge } from '../../guard/port.js'
import { ownerOf, UV_EACCES } from '../handle-owner.js'
import { letThroughFor } from './destination.js'

type HandleMethod = (this: object, ...args: unknown[]) => number

interface UdpBinding {
  UDP: { prototype: Record<string, unknown> }
}

/** 0 to go on, or the error code that refuses `address:port` (recorded first). */
function judgeHandleDestination(handle: object, address: unknown, port: unknown): number {
  const judge = currentJudge()
  if (!judge || judge.disposed || typeof address !== 'string' || typeof port !== 'number') return 0
  const owner = ownerOf<object>(handle)
  if (owner && letThroughFor(owner, address, port) !== false) return 0
  const input: AttemptInput = { protocol: 'udp', host: address, port, address }
  const decision = judge.decide(input)
  const verdict = judge.record(input, decision, judge.wantsStack(decision) ? captureCallSite() : undefined)
  return verdict.error ? UV_EACCES : 0
}

/** `send(req, list, count, port, address, hasCallback)`; a connected socket omits port and address. */
function guardSend(realSend: HandleMethod): HandleMethod {
  return function send(this: object, ...args: unknown[]): number {
    if (args.length >= 6) {
      const refused = judgeHandleDestination(this, args[4], args[3])
      if (refused) return refused
    }
    return realSend.apply(this, args)
  }
}

/** `connect(address, port)`. */
function guardConnect(realConnect: HandleMethod): HandleMethod {
  return function connect(this: object, ...args: unknown[]): number {
    const refused = judgeHandleDestination(this, args[0], args[1])
    return refused || realConnect.apply(this, args)
  }
}

export const udpHandlePatch: PatchPoint = {
  name: 'udp_wrap UDP.prototype.send/send6/connect/connect6',
  install: (stack) => {
    const { UDP } = (process as unknown as { binding(name: string): UdpBinding }).binding('udp_wrap')
    stack.patch<HandleMethod>(UDP.prototype, 'send', guardSend)
    stack.patch<HandleMethod>(UDP.prototype, 'send6', guardSend)
    stack.patch<HandleMethod>(UDP.prototype, 'connect', guardConnect)
    stack.patch<HandleMethod>(UDP.prototype, 'connect6', guardConnect)
  },
}
