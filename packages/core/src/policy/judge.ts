/**
 * decide(): one destination against the rule index. Pure, and never throws: input that is not a
 * destination is refused with a reason.
 *
 * - unix socket (`path` truthy): allowUnixSockets, or a `unix:` rule.
 * - name without address (before DNS): a name rule or a loopback name admits it; otherwise the caller
 *   resolves it and asks again per address (`needsAddress`), unless strictDns refuses it outright.
 * - address (a resolved one, or the host itself when `net.isIP` accepts it): an address/CIDR rule, or
 *   loopback; or a name rule covering the host, unless the address is cloud metadata or a loopback
 *   name resolved elsewhere.
 */
import { formatHostPort } from '../errors.js'
import { type IpAddress, parseAddress } from './address.js'
import { hostFormOf } from './host-form.js'
import { isLoopbackIp, isLoopbackName, isUnspecifiedIp, reachesLocalHost } from './loopback.js'
import { isMetadataIp } from './metadata.js'
import { normaliseSocketPath } from './parse-unix-rule.js'
import { destinationPort } from './port.js'
import type { RuleIndex } from './rule-index.js'
import type { RuleMatch } from './rule-slot.js'
import type { Decision, DecisionCheck, DnsMode } from './types.js'

export interface JudgeSettings {
  readonly allowLoopback: boolean
  readonly allowUnixSockets: boolean
  readonly strictDns: boolean
  readonly dns: DnsMode
}

interface Query {
  port: number | undefined
  url: string | undefined
  requestPath: string | undefined
}

export function judge(index: RuleIndex, settings: JudgeSettings, destination: unknown): Decision {
  if (typeof destination !== 'object' || destination === null) {
    return deny('not a destination: expected an object with host and port, address, or path')
  }
  const { host, port, address, path, url } = destination as Record<string, unknown>
  if (path !== undefined && path !== null && path !== '') {
    if (typeof path !== 'string') return deny('the unix socket path is not a string')
    return judgeUnix(index, settings, path)
  }
  const portOrReason = destinationPort(port)
  if ('reason' in portOrReason) return deny(portOrReason.reason)
  const query: Query = { port: portOrReason.port, url: undefined, requestPath: undefined }
  if (url !== undefined && url !== null && url !== '') {
    const requestPath = pathOf(url)
    if (requestPath === undefined) return deny(`url ${String(url)} is not a valid URL`)
    query.url = url as string
    query.requestPath = requestPath
  }
  let resolved: IpAddress | undefined
  if (address !== undefined && address !== null && address !== '') {
    resolved = typeof address === 'string' ? parseAddress(address) : undefined
    if (resolved === undefined) return deny(`address ${String(address)} is not an IP address`)
  }
  if (host === undefined || host === null || host === '') {
    return resolved
      ? judgeAddress(index, settings, resolved, undefined, query)
      : deny('no host, address or path given')
  }
  const form = hostFormOf(host)
  if (form.kind === 'invalid') return deny(form.reason)
  if (form.kind === 'address')
    return judgeAddress(index, settings, resolved ?? form.address, undefined, query)
  if (resolved) return judgeAddress(index, settings, resolved, form.name, query)
  return judgeName(index, settings, form.name, query)
}

function judgeUnix(index: RuleIndex, settings: JudgeSettings, rawPath: string): Decision {
  const path = normaliseSocketPath(rawPath)
  const rule = index.matchUnix(path)
  if (rule !== undefined)
    return { allowed: true, rule, check: 'rule', reason: `unix socket ${path} is allowed by "${rule}"` }
  if (settings.allowUnixSockets)
    return { allowed: true, rule: 'unix', check: 'unix', reason: 'unix sockets are local IPC, allowed' }
  return deny(`no unix: rule covers unix socket ${path}, and allowUnixSockets is false`, 'unix')
}

function judgeName(index: RuleIndex, settings: JudgeSettings, name: string, query: Query): Decision {
  const target = formatHostPort(name, query.port)
  const match = index.matchName(name, query.port, query.requestPath)
  if (match !== undefined && 'rule' in match) return admit(match.rule, target)
  if (settings.allowLoopback && isLoopbackName(name)) {
    return { allowed: true, rule: 'loopback', check: 'loopback', reason: `${name} is a loopback name` }
  }
  const prefix = outsidePrefix(match, query)
  const why = prefix ?? `no allow rule covers ${target}`
  const check = prefix ? 'path-prefix' : 'name'
  if (settings.strictDns)
    return deny(`${why}, and strictDns refuses names no rule covers before any DNS query`, check)
  return { allowed: false, needsAddress: true, check, reason: `${why}; ${answeredBy(settings.dns)}` }
}

function judgeAddress(
  index: RuleIndex,
  settings: JudgeSettings,
  address: IpAddress,
  name: string | undefined,
  query: Query,
): Decision {
  const target = formatHostPort(address.text, query.port)
  const shown =
    name === undefined ? target : `${formatHostPort(name, query.port)} (resolved to ${address.text})`
  const byAddress = index.matchAddress(address, query.port, query.requestPath)
  if (byAddress !== undefined && 'rule' in byAddress) return admit(byAddress.rule, shown)
  const local = reachesLocalHost(address)
  if (local && settings.allowLoopback)
    return { allowed: true, rule: 'loopback', check: 'loopback', reason: loopbackReason(address) }
  const byName = name === undefined ? undefined : index.matchName(name, query.port, query.requestPath)
  const metadata = isMetadataIp(address)
  const strayLoopbackName = name !== undefined && isLoopbackName(name) && !local
  if (byName !== undefined && 'rule' in byName && !metadata && !strayLoopbackName) {
    return admit(byName.rule, shown)
  }
  if (metadata)
    return deny(`${address.text} is a cloud metadata address; allow it by address to reach it`, 'metadata')
  if (strayLoopbackName) return deny(`${name} resolved to ${address.text}, which is not loopback`, 'loopback')
  const prefix = outsidePrefix(byAddress ?? byName, query)
  const why = prefix ?? `no allow rule covers ${shown}`
  const check = prefix ? 'path-prefix' : 'address'
  if (local) return deny(`${address.text} is loopback, but allowLoopback is false and ${why}`, check)
  return deny(why, check)
}

function answeredBy(dns: DnsMode): string {
  return dns === 'resolve'
    ? 'its resolved addresses decide'
    : 'only the hosts file may answer it (no DNS query is sent for it)'
}

function loopbackReason(address: IpAddress): string {
  if (isUnspecifiedIp(address))
    return `${address.text} is unspecified, which connects to this host: judged as loopback`
  return isLoopbackIp(address) ? `${address.text} is loopback` : `${address.text} reaches this host`
}

function outsidePrefix(match: RuleMatch, query: Query): string | undefined {
  if (match === undefined || !('outsidePrefix' in match)) return undefined
  return `${query.url} is outside the path prefix of "${match.outsidePrefix}"`
}

function pathOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined
  try {
    return new URL(url).pathname || '/'
  } catch {
    return undefined
  }
}

function admit(rule: string, target: string): Decision {
  return { allowed: true, rule, check: 'rule', reason: `${target} is allowed by "${rule}"` }
}

function deny(reason: string, check: DecisionCheck = 'invalid'): Decision {
  return { allowed: false, check, reason }
}
