/**
 * Patch point: getaddrinfo/getnameinfo lookups, `dns.lookup`, `dns.lookupService` and their
 * `dns.promises` twins. Each lookup of a name is recorded as a `dns` attempt judged by name only
 * (ADR 0006, ADR 0021); a name no rule covers is answered from the hosts file without a query,
 * and one the hosts file does not know is refused in block mode, asynchronously the way Node fails a
 * lookup, before getaddrinfo runs. Address literals are not lookups (Node answers them without
 * asking any resolver) and pass through unrecorded.
 *
 * The socket layer passes its own saved `dns.lookup` to `net`, so connections are not recorded here.
 */
import dns from 'node:dns'
import dnsPromises from 'node:dns/promises'
import net from 'node:net'
import type { PatchPoint } from '../../guard/patch-stack.js'
import { currentJudge } from '../../guard/port.js'
import { hostsReply } from './hosts-reply.js'
import { type AnyFunction, type FunctionPatch, patchFunctions } from './patch-functions.js'
import { judgeLookup } from './query-judgement.js'
import { isLookupQuiet } from './quiet-lookups.js'

/** A name that getaddrinfo would resolve: a non-empty string that is not an address literal. */
function isName(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && net.isIP(value) === 0
}

function toPort(value: unknown): number | undefined {
  const port = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  return typeof port === 'number' && Number.isInteger(port) ? port : undefined
}

function guardCallbackLookup(realLookup: AnyFunction): AnyFunction {
  return function lookup(this: unknown, ...args: unknown[]) {
    const scope = currentJudge()
    const [hostname] = args
    const callback = args.length >= 3 ? args[2] : args[1]
    if (!scope || !isName(hostname) || typeof callback !== 'function' || isLookupQuiet()) {
      return realLookup.apply(this, args)
    }
    const verdict = judgeLookup(scope, hostname)
    if (verdict.hostsAnswers) {
      const reply = hostsReply(hostname, verdict.hostsAnswers, args.length >= 3 ? args[1] : undefined)
      if (reply instanceof Error) process.nextTick(callback as AnyFunction, reply)
      else if (Array.isArray(reply)) process.nextTick(callback as AnyFunction, null, reply)
      else process.nextTick(callback as AnyFunction, null, reply.address, reply.family)
      return {}
    }
    if (!verdict.error) return realLookup.apply(this, args)
    process.nextTick(callback as AnyFunction, verdict.error)
    return {}
  }
}

function guardPromiseLookup(realLookup: AnyFunction): AnyFunction {
  return function lookup(this: unknown, ...args: unknown[]) {
    const scope = currentJudge()
    const [hostname] = args
    if (!scope || !isName(hostname)) return realLookup.apply(this, args)
    const verdict = judgeLookup(scope, hostname)
    if (verdict.hostsAnswers) {
      const reply = hostsReply(hostname, verdict.hostsAnswers, args[1])
      return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply)
    }
    return verdict.error ? Promise.reject(verdict.error) : realLookup.apply(this, args)
  }
}

/** `lookupService(address, port[, callback])`: a reverse lookup of an address, judged like a name. */
function guardLookupService(realLookupService: AnyFunction, withCallback: boolean): AnyFunction {
  return function lookupService(this: unknown, ...args: unknown[]) {
    const scope = currentJudge()
    const [address, port, callback] = args
    const wellFormed = typeof address === 'string' && net.isIP(address) !== 0 && toPort(port) !== undefined
    if (!scope || !wellFormed || (withCallback && typeof callback !== 'function')) {
      return realLookupService.apply(this, args)
    }
    const verdict = judgeLookup(scope, address, toPort(port))
    if (!verdict.error) return realLookupService.apply(this, args)
    if (!withCallback) return Promise.reject(verdict.error)
    process.nextTick(callback as AnyFunction, verdict.error)
    return {}
  }
}

export const dnsLookupPatch: PatchPoint = {
  name: 'dns.lookup/lookupService (+ dns.promises)',
  install: (stack) => {
    const patches: FunctionPatch[] = [
      { owner: dns, label: 'dns', key: 'lookup', wrap: guardCallbackLookup },
      { owner: dns, label: 'dns', key: 'lookupService', wrap: (real) => guardLookupService(real, true) },
      { owner: dnsPromises, label: 'dns.promises', key: 'lookup', wrap: guardPromiseLookup },
      {
        owner: dnsPromises,
        label: 'dns.promises',
        key: 'lookupService',
        wrap: (real) => guardLookupService(real, false),
      },
    ]
    patchFunctions(stack, patches)
  },
}
