/**
 * Judging where a datagram goes: the name before DNS (block mode refuses a name strictDns refuses,
 * without resolving it), then the address the socket's own lookup gives, so the datagram is sent to
 * exactly the address that was judged. One `udp` attempt per socket, destination and scope: later
 * datagrams to a name and address already let through are not recorded again; refused ones always
 * are. Letting a name through also lets its address through for that socket: Node re-sends a
 * datagram queued while the socket binds with the judged address, and it goes to the same peer.
 */
import type dgram from 'node:dgram'
import net from 'node:net'
import type { CallSite, Judge } from '../../guard/port.js'
import { type AttemptInput, unknownName } from '../../guard/port.js'
import type { Decision } from '../../policy/types.js'
import { quietLookups } from '../dns/quiet-lookups.js'
import { resolveForSocket } from './socket-state.js'

export interface DatagramTarget {
  /** As the caller gave it; empty means Node's default (loopback of the socket's family). */
  host: string
  port: number
}

export interface DatagramOutcome {
  /** Go on with this address (a literal: the one judged). */
  proceed(address: string): void
  /** Fail with this error (already asynchronous). */
  fail(error: Error): void
}

const letThrough = new WeakMap<dgram.Socket, Map<string, Judge>>()

function defaultAddress(socket: dgram.Socket): string {
  return (socket as { type?: string }).type === 'udp6' ? '::1' : '127.0.0.1'
}

/** Remember that `address:port` was judged and let through for this socket under this scope. */
function remember(socket: dgram.Socket, scope: Judge, key: string): void {
  const seen = letThrough.get(socket) ?? new Map<string, Judge>()
  letThrough.set(socket, seen)
  seen.set(key, scope)
}

/**
 * What the dgram layer let through for this socket: `undefined` when it judged no send on it at
 * all, else whether it let `address:port` through.
 */
export function letThroughFor(socket: object, address: string, port: number): boolean | undefined {
  const seen = letThrough.get(socket as dgram.Socket)
  return seen === undefined ? undefined : seen.has(`${address}|${address}|${port}`)
}

/** Judge an address (synchronously); returns the error to fail with, if refused in block mode. */
export function judgeDatagramAddress(
  socket: dgram.Socket,
  scope: Judge,
  input: AttemptInput & { address: string; port: number },
  callSite: CallSite | undefined,
): Error | undefined {
  const key = `${input.host}|${input.address}|${input.port}`
  if (letThrough.get(socket)?.get(key) === scope) return undefined
  const verdict = scope.record(input, scope.decide(input), callSite)
  if (verdict.error) return verdict.error
  remember(socket, scope, key)
  remember(socket, scope, `${input.address}|${input.address}|${input.port}`)
  return undefined
}

/** Judge a datagram destination and continue with `outcome` (synchronously for address literals). */
export function judgeDatagram(
  socket: dgram.Socket,
  scope: Judge,
  target: DatagramTarget,
  captureSite: () => CallSite,
  outcome: DatagramOutcome,
): void {
  const failLater = (error: Error) => process.nextTick(() => outcome.fail(error))
  const host = target.host === '' ? defaultAddress(socket) : target.host
  if (net.isIP(host) !== 0) {
    // A destination already let through costs a map lookup: no stack capture, no record.
    if (letThrough.get(socket)?.get(`${host}|${host}|${target.port}`) === scope) {
      outcome.proceed(host)
      return
    }
    const input = { protocol: 'udp' as const, host, port: target.port, address: host }
    const error = judgeDatagramAddress(socket, scope, input, captureSite())
    if (error) failLater(error)
    else outcome.proceed(host)
    return
  }
  const input: AttemptInput = { protocol: 'udp', host, port: target.port }
  const callSite = captureSite()
  const byName = scope.decide(input)
  if (!byName.allowed && !byName.needsAddress && scope.mode === 'block') {
    failLater(scope.record(input, byName, callSite).error as Error)
    return
  }
  const answer = byName.needsAddress ? scope.answerName(host, target.port, byName) : undefined
  if (answer?.by === 'hosts-file') {
    // A name no rule covers: only the hosts file answers it (ADR 0021), in the socket's family.
    const family = (socket as unknown as { type?: string }).type === 'udp6' ? 6 : 4
    const found = answer.answers.find((a) => a.family === family)
    const decision = found ? undefined : unknownName(host, target.port)
    const error = found
      ? judgeDatagramAddress(socket, scope, { ...input, address: found.address, port: target.port }, callSite)
      : scope.record(input, decision as Decision, callSite).error
    if (error) failLater(error)
    else if (found) outcome.proceed(found.address)
    else resolveAndProceed()
    return
  }
  let recorded = false
  if (answer?.by === 'nobody') {
    const verdict = scope.record(input, answer.decision, callSite)
    if (verdict.error) {
      failLater(verdict.error)
      return
    }
    recorded = true // record mode: recorded before the query, then resolved
  }
  resolveAndProceed()

  function resolveAndProceed(): void {
    quietLookups(() =>
      resolveForSocket(socket, host, (err, address) => {
        const error =
          err ??
          (recorded
            ? undefined
            : judgeDatagramAddress(socket, scope, { ...input, address, port: target.port }, callSite))
        if (error) failLater(error)
        else outcome.proceed(address)
      }),
    )
  }
}
