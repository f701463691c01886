/**
 * IP addresses as numbers, so that ranges compare with `<`.
 *
 * Only what `net.isIP` accepts is an address. IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) are
 * IPv4 addresses: a socket connected to one reaches the IPv4 host, so they match IPv4 rules.
 */
import { isIP } from 'node:net'
import { ipv6Groups, ipv6Text, ipv6Value } from './ipv6-text.js'

export interface Ipv4Address {
  readonly family: 4
  /** The address as an unsigned 32-bit integer. */
  readonly value: number
  /** Canonical text: dotted quad. */
  readonly text: string
}

export interface Ipv6Address {
  readonly family: 6
  /** The address as a 128-bit unsigned integer. */
  readonly value: bigint
  /** Canonical text (RFC 5952), without brackets or zone id. */
  readonly text: string
}

export type IpAddress = Ipv4Address | Ipv6Address

/**
 * Strips the forms that wrap an address: `[…]` brackets and an IPv6 zone id (`fe80::1%eth0`).
 * Returns the text unchanged when it is not one of those forms.
 */
export function unwrapAddressText(text: string): string {
  let inner = text
  if (inner.startsWith('[') && inner.endsWith(']')) {
    inner = inner.slice(1, -1)
    // Brackets hold IPv6 only: `[10.0.0.1]` is neither an address nor a name.
    if (isIP(inner) !== 6) return text
  }
  const zone = inner.indexOf('%')
  if (zone > 0 && isIP(inner) === 6) inner = inner.slice(0, zone)
  return inner
}

/** Parses an address `net.isIP` accepts (after brackets and zone id are stripped); else undefined. */
export function parseAddress(text: string): IpAddress | undefined {
  const bare = unwrapAddressText(text)
  const family = isIP(bare)
  if (family === 4) return ipv4FromText(bare)
  if (family !== 6) return undefined
  const groups = ipv6Groups(bare)
  if (isIpv4Mapped(groups)) {
    const [high = 0, low = 0] = groups.slice(6)
    return ipv4FromOctets([high >> 8, high & 255, low >> 8, low & 255])
  }
  return ipv6FromParts(groups)
}

/** Dotted-quad text `net.isIP` accepted, read digit by digit (no allocation but the result). */
function ipv4FromText(text: string): Ipv4Address {
  let value = 0
  let octet = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 46) {
      value = value * 256 + octet
      octet = 0
    } else {
      octet = octet * 10 + (code - 48)
    }
  }
  return { family: 4, value: value * 256 + octet, text }
}

export function ipv4FromOctets(octets: readonly number[]): Ipv4Address {
  const [a = 0, b = 0, c = 0, d = 0] = octets
  const value = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0
  return { family: 4, value, text: `${a}.${b}.${c}.${d}` }
}

export function ipv6FromParts(parts: readonly number[]): Ipv6Address {
  return { family: 6, value: ipv6Value(parts), text: ipv6Text(parts) }
}

/** `::ffff:a.b.c.d`: the first five groups zero, the sixth 0xffff. */
function isIpv4Mapped(groups: readonly number[]): boolean {
  return (
    groups[5] === 0xffff &&
    groups[0] === 0 &&
    groups[1] === 0 &&
    groups[2] === 0 &&
    groups[3] === 0 &&
    groups[4] === 0
  )
}

/** `10.0.0.1:443`, `[2001:db8::1]:443`, or the bare address when there is no port. */
export function formatAddressPort(address: IpAddress, port: number | undefined): string {
  const host = address.family === 6 ? `[${address.text}]` : address.text
  if (port === undefined) return address.text
  return `${host}:${port}`
}
