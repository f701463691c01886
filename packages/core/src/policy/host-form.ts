/**
 * What a destination's `host` is: an address (what `net.isIP` accepts after brackets and zone id are
 * stripped) or a name (anything else, normalised; `2130706433` and `0x7f.1` are names).
 */
import { type IpAddress, parseAddress } from './address.js'
import { normaliseName } from './host-name.js'

export type HostForm =
  | { kind: 'address'; address: IpAddress }
  | { kind: 'name'; name: string }
  | { kind: 'invalid'; reason: string }

export function hostFormOf(host: unknown): HostForm {
  if (typeof host !== 'string') return { kind: 'invalid', reason: `host ${describe(host)} is not a string` }
  const address = parseAddress(host)
  if (address) return { kind: 'address', address }
  if (host.startsWith('['))
    return { kind: 'invalid', reason: `${JSON.stringify(host)} is not a bracketed IPv6 address` }
  const normal = normaliseName(host)
  if ('reason' in normal) return { kind: 'invalid', reason: normal.reason }
  return { kind: 'name', name: normal.name }
}

/**
 * The normal form of a host for callers outside the policy: canonical address text (no brackets,
 * no zone id, mapped IPv4 as IPv4), or the normalised name; undefined when it is neither.
 */
export function normaliseHost(host: string): string | undefined {
  const form = hostFormOf(host)
  if (form.kind === 'address') return form.address.text
  if (form.kind === 'name') return form.name
  return undefined
}

function describe(value: unknown): string {
  if (typeof value === 'symbol' || typeof value === 'bigint') return String(value)
  if (typeof value === 'object' && value !== null) return Object.prototype.toString.call(value)
  return String(value)
}
