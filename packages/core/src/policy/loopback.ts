/**
 * Loopback: 127.0.0.0/8, `::1`, IPv4-mapped `::ffff:127.0.0.0/104`, and the names `localhost` and
 * `*.localhost` (RFC 6761). The unspecified addresses `0.0.0.0` and `::` reach the local host when
 * connected to on Linux, so a connection to them counts as loopback (adr/0002).
 */
import { type IpAddress, parseAddress } from './address.js'
import { normaliseName } from './host-name.js'

const kLoopbackV4Start = 0x7f000000
const kLoopbackV4End = 0x7fffffff

/** Whether the address is loopback proper: 127.0.0.0/8 (also IPv4-mapped) or `::1`. */
export function isLoopbackIp(address: IpAddress): boolean {
  if (address.family === 4) return address.value >= kLoopbackV4Start && address.value <= kLoopbackV4End
  return address.value === 1n
}

/** Whether the address is unspecified: `0.0.0.0` (also IPv4-mapped) or `::`. */
export function isUnspecifiedIp(address: IpAddress): boolean {
  return address.family === 4 ? address.value === 0 : address.value === 0n
}

/** Whether a connection to this address stays on this host: loopback or unspecified. */
export function reachesLocalHost(address: IpAddress): boolean {
  return isLoopbackIp(address) || isUnspecifiedIp(address)
}

/** Whether a normalised name is `localhost` or ends in `.localhost`. */
export function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost')
}

/**
 * Whether a host (address text in any accepted form, or name) is loopback: for callers outside the
 * policy. `0.0.0.0` and `::` are not loopback here, though connecting to them is judged as loopback.
 */
export function isLoopbackAddress(host: string): boolean {
  if (typeof host !== 'string') return false
  const address = parseAddress(host)
  if (address) return isLoopbackIp(address)
  const normal = normaliseName(host)
  return 'name' in normal && isLoopbackName(normal.name)
}
