/**
 * Patch point: `net.Socket.prototype.connect`, which every TCP and TLS client in Node goes through
 * (net.connect, http, https, tls, http2, undici, ws, ESM named imports of `connect`).
 *
 * It judges the destination and marks the socket; it fails nothing itself except a refused unix
 * socket. A refusal takes effect where a real connection would be made (ADR 0021): in the `lookup`
 * it wraps, for a name (guarded-lookup.ts), and at the TCP handle, for an address (tcp-handle.ts).
 * A socket that a mocking library answers (msw 3, nock 15 run every mocked request through this
 * method) never looks up or dials, so a mocked request is never refused nor recorded.
 */
import dns from 'node:dns'
import net, { type LookupFunction } from 'node:net'
import tls from 'node:tls'
import { captureCallSite } from '../../guard/call-site.js'
import type { PatchPoint } from '../../guard/patch-stack.js'
import { type AttemptInput, currentJudge, isAddressLiteral } from '../../guard/port.js'
import { currentHttpRequest } from '../http/request-context.js'
import { readConnectTarget, withLookup } from './connect-target.js'
import { guardedLookup } from './guarded-lookup.js'
import { failSocket, judgementOf, markJudged, type SocketJudgement } from './socket-marks.js'

type Connect = (this: net.Socket, ...args: unknown[]) => net.Socket

/** The real `dns.lookup`, taken before any patch, so the socket layer's own lookups are not recorded twice. */
const realDnsLookup = dns.lookup as unknown as LookupFunction

export const socketConnectPatch: PatchPoint = {
  name: 'net.Socket.prototype.connect',
  install: (stack) =>
    stack.patch<Connect>(net.Socket.prototype, 'connect', (realSocketConnect) => {
      return function connect(this: net.Socket, ...args: unknown[]): net.Socket {
        const scope = currentJudge()
        if (!scope || judgementOf(this)) return realSocketConnect.apply(this, args)
        const target = readConnectTarget(args)
        const protocol = target.path ? 'unix' : this instanceof tls.TLSSocket ? 'tls' : 'tcp'
        const input: AttemptInput = { protocol, host: target.host, port: target.port, path: target.path }
        const request = currentHttpRequest()
        if (request && !request.judged && !target.path) {
          // A request the HTTP layer left to this layer opened this connection: judge and record
          // it with its URL (a request the HTTP layer judged itself is already in the report).
          input.url = request.url
          input.method = request.method
          input.protocol = 'http'
        }
        const host = target.host ?? ''
        const literal = !target.path && mayBeAddress(host) && isAddressLiteral(host)
        if (literal) input.address = host
        const decision = scope.decide(input)
        // A stack costs more than the rest of the bookkeeping: take it where a violation is possible.
        const callSite = scope.wantsStack(decision) ? captureCallSite() : undefined

        if (target.path) {
          const verdict = scope.record(input, decision, callSite)
          markJudged(this, { scope, input, callSite, attempts: [verdict.attempt], requests: 0 })
          if (verdict.error) {
            failSocket(this, verdict.error)
            return this
          }
          return realSocketConnect.apply(this, args)
        }

        const judgement: SocketJudgement = { scope, input, callSite, attempts: [], requests: 0 }
        if (literal) judgement.literal = { address: host, decision }
        markJudged(this, judgement)
        if (literal) return realSocketConnect.apply(this, args)
        const lookup = guardedLookup(
          target.lookup ?? realDnsLookup,
          judgement,
          decision,
          target.lookup !== undefined,
        )
        return realSocketConnect.apply(this, withLookup(args, lookup))
      }
    }),
}

/** False for most names (`localhost`, `api.test`): only these can be IP literals, so only these pay for `net.isIP`. */
function mayBeAddress(host: string): boolean {
  const first = host.charCodeAt(0)
  return (first >= 48 && first <= 57) || host.includes(':')
}
