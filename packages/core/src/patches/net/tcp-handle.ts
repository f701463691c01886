/**
 * Patch point: the TCP handle's `connect`/`connect6` (tcp_wrap), the last step before the kernel.
 * It records the address actually dialled (one attempt per address tried), and judges connections
 * that never went through `net.Socket.prototype.connect` (code holding a saved copy of it, or using
 * handles directly). Mocked requests (msw, nock) never reach a real handle, so they are not egress.
 */
import { captureCallSite } from '../../guard/call-site.js'
import type { PatchPoint } from '../../guard/patch-stack.js'
import { currentJudge } from '../../guard/port.js'
import { ownerOf, UV_EACCES } from '../handle-owner.js'
import { decisionMadeFor, failSocket, judgementOf } from './socket-marks.js'

type HandleConnect = (this: object, req: object, address: string, port: number) => number

interface TcpBinding {
  TCP: { prototype: Record<string, unknown> }
}

function guardHandleConnect(realConnect: HandleConnect): HandleConnect {
  return function connect(this: object, req: object, address: string, port: number): number {
    const owner = ownerOf<{ destroy(error?: Error): unknown }>(this)
    const judgement = judgementOf(owner)
    const scope = judgement?.scope ?? currentJudge()
    if (!scope || scope.disposed) return realConnect.call(this, req, address, port)
    let input = judgement?.input ?? { protocol: 'tcp' as const, host: address, port, address }
    if (input.port !== port) input = { ...input, port }
    const decision =
      decisionMadeFor(judgement, address) ??
      scope.decide(input.address === address ? input : { ...input, address })
    const callSite = judgement?.callSite ?? (scope.wantsStack(decision) ? captureCallSite() : undefined)
    const pending = judgement?.pending
    if (pending) {
      // Record mode, a name no rule covers: its attempt was recorded before DNS; this is its address.
      judgement.pending = undefined
      pending.address = address
      return realConnect.call(this, req, address, port)
    }
    const verdict = scope.record(input, decision, callSite, address)
    judgement?.attempts.push(verdict.attempt)
    if (verdict.error) {
      if (!owner) return UV_EACCES
      failSocket(owner, verdict.error)
      return 0
    }
    return realConnect.call(this, req, address, port)
  }
}

export const tcpHandlePatch: PatchPoint = {
  name: 'tcp_wrap TCP.prototype.connect/connect6',
  install: (stack) => {
    const { TCP } = (process as unknown as { binding(name: string): TcpBinding }).binding('tcp_wrap')
    stack.patch<HandleConnect>(TCP.prototype, 'connect', guardHandleConnect)
    stack.patch<HandleConnect>(TCP.prototype, 'connect6', guardHandleConnect)
  },
}
