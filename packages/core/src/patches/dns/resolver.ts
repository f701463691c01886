/**
 * Patch point: resolver queries (c-ares), which send datagrams to the nameservers themselves:
 * every `resolve*` and `reverse` on `dns.Resolver.prototype`, `dns.promises.Resolver.prototype`,
 * and the module functions `dns.resolve*` / `dns.promises.resolve*` (bound copies of the prototype
 * methods, so they need their own patch). Judged by name, then by nameserver (ADR 0006).
 *
 * `dns.setServers` rebinds the module functions from the (patched) prototype; when it was called
 * while guarded, dispose calls the real one again with the same servers so that the module
 * functions are real and use the servers the program chose.
 */
import dns from 'node:dns'
import dnsPromises from 'node:dns/promises'
import { EgressGuardError } from '../../errors.js'
import type { PatchPoint } from '../../guard/patch-stack.js'
import { currentJudge } from '../../guard/port.js'
import { type AnyFunction, type FunctionPatch, patchFunctions } from './patch-functions.js'
import { judgeQuery } from './query-judgement.js'

const REQUIRED = ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']

/** The query methods this Node has: `resolve`, `resolve4`, …, `resolveTlsa`, `reverse`. */
function queryMethods(prototype: object): string[] {
  const names = Object.getOwnPropertyNames(prototype).filter(
    (name) =>
      (name.startsWith('resolve') || name === 'reverse') &&
      typeof Reflect.get(prototype, name) === 'function',
  )
  const missing = REQUIRED.filter((name) => !names.includes(name))
  if (missing.length) {
    throw new EgressGuardError(
      `egress-guard cannot patch dns.Resolver: ${missing.join(', ')} missing on Node ${process.version}`,
    )
  }
  return names
}

function rrtypeOf(method: string, args: unknown[]): string {
  if (method === 'resolve') return typeof args[1] === 'string' ? args[1] : 'A'
  if (method === 'reverse') return 'PTR'
  if (method === 'resolve4') return 'A'
  if (method === 'resolve6') return 'AAAA'
  return method.slice('resolve'.length).toUpperCase()
}

type ServersOf = (self: unknown) => string[]

function guardQuery(
  method: string,
  realQuery: AnyFunction,
  serversOf: ServersOf,
  promises: boolean,
): AnyFunction {
  return function query(this: unknown, ...args: unknown[]) {
    const scope = currentJudge()
    const [name] = args
    const callback = args[args.length - 1]
    if (!scope || typeof name !== 'string' || (!promises && typeof callback !== 'function')) {
      return realQuery.apply(this, args)
    }
    const verdict = judgeQuery(scope, name, rrtypeOf(method, args), serversOf(this))
    if (!verdict.error) return realQuery.apply(this, args)
    if (promises) return Promise.reject(verdict.error)
    process.nextTick(callback as AnyFunction, verdict.error)
    return undefined
  }
}

function serversOfInstance(self: unknown): string[] {
  return (self as { getServers(): string[] }).getServers()
}

function moduleServers(module: { getServers(): string[] }): ServersOf {
  return () => module.getServers()
}

export const dnsResolverPatch: PatchPoint = {
  name: 'dns.Resolver/dns.promises.Resolver queries (+ dns.resolve*)',
  install: (stack) => {
    const realSetServers = { dns: dns.setServers, promises: dnsPromises.setServers }
    const changed = { dns: false, promises: false }
    const patches: FunctionPatch[] = []
    const targets = [
      {
        owner: dns.Resolver.prototype,
        label: 'dns.Resolver.prototype',
        serversOf: serversOfInstance,
        promises: false,
      },
      {
        owner: dnsPromises.Resolver.prototype,
        label: 'dns.promises.Resolver.prototype',
        serversOf: serversOfInstance,
        promises: true,
      },
      { owner: dns, label: 'dns', serversOf: moduleServers(dns), promises: false },
      { owner: dnsPromises, label: 'dns.promises', serversOf: moduleServers(dnsPromises), promises: true },
    ]
    for (const target of targets) {
      for (const key of queryMethods(dns.Resolver.prototype)) {
        patches.push({
          ...target,
          key,
          wrap: (real) => guardQuery(key, real, target.serversOf, target.promises),
        })
      }
    }
    for (const which of ['dns', 'promises'] as const) {
      const owner = which === 'dns' ? dns : dnsPromises
      patches.push({
        owner,
        key: 'setServers',
        label: which === 'dns' ? 'dns' : 'dns.promises',
        wrap: (real) =>
          function setServers(this: unknown, ...args: unknown[]) {
            const result = real.apply(this, args)
            changed[which] = true
            return result
          },
      })
    }
    const rebindModuleFunctions = () => {
      const servers = { dns: dns.getServers(), promises: dnsPromises.getServers() }
      if (changed.dns) realSetServers.dns(servers.dns)
      if (changed.promises || changed.dns) realSetServers.promises(servers.promises)
    }
    patchFunctions(stack, patches, rebindModuleFunctions)
  },
}
