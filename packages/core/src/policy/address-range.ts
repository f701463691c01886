/**
 * Address ranges written as CIDR (`10.0.0.0/8`, `2001:db8::/32`), as inclusive `[start, end]` pairs.
 *
 * A CIDR inside `::ffff:0:0/96` (IPv4-mapped) becomes the IPv4 range it maps, so that mapped and
 * plain IPv4 forms of an address always meet the same rules.
 */
import { isIP } from 'node:net'
import { type IpAddress, parseAddress, unwrapAddressText } from './address.js'
import { ipv6Groups, ipv6Text } from './ipv6-text.js'

export interface Ipv4Range {
  readonly family: 4
  readonly start: number
  readonly end: number
}

export interface Ipv6Range {
  readonly family: 6
  readonly start: bigint
  readonly end: bigint
}

export type AddressRange = Ipv4Range | Ipv6Range

const kPrefixLength = /^(0|[1-9][0-9]?|1[0-2][0-9])$/
const kMappedHigh = 0xffffn
const kAllOnes128 = (1n << 128n) - 1n

/** The range of one address: `/32` or `/128`. */
export function singleAddressRange(address: IpAddress): AddressRange {
  return address.family === 4
    ? { family: 4, start: address.value, end: address.value }
    : { family: 6, start: address.value, end: address.value }
}

/**
 * Parses `address/length`. Returns the range, or a sentence saying why it is not one.
 * The address must be written as `net.isIP` accepts it, with no host bits set beyond the length.
 */
export function parseCidr(text: string): AddressRange | string {
  const slash = text.indexOf('/')
  const addressText = text.slice(0, slash)
  const lengthText = text.slice(slash + 1)
  const family = isIP(unwrapAddressText(addressText))
  if (family === 0 || addressText.startsWith('['))
    return `${JSON.stringify(addressText)} is not an IPv4 or IPv6 address`
  if (!kPrefixLength.test(lengthText)) return `prefix length ${JSON.stringify(lengthText)} is not a number`
  const length = Number(lengthText)
  const bits = family === 4 ? 32 : 128
  if (length > bits)
    return `prefix length /${length} is longer than the ${bits} bits of an IPv${family} address`
  return family === 4 ? ipv4Cidr(addressText, length) : ipv6Cidr(addressText, length)
}

function ipv4Cidr(addressText: string, length: number): AddressRange | string {
  const { value } = parseAddress(addressText) as { value: number }
  const hostMask = length === 0 ? 0xffffffff : (2 ** (32 - length) - 1) >>> 0
  if ((value & hostMask) >>> 0 !== 0) {
    const network = (value & ~hostMask) >>> 0
    const text = [24, 16, 8, 0].map((shift) => (network >>> shift) & 255).join('.')
    return `host bits are set; the network is ${text}/${length}`
  }
  return { family: 4, start: value, end: (value + hostMask) >>> 0 }
}

function ipv6Cidr(addressText: string, length: number): AddressRange | string {
  // Read the groups directly: an IPv4-mapped CIDR must stay a 128-bit range here, not become IPv4.
  const groups = ipv6Groups(unwrapAddressText(addressText))
  let start = 0n
  for (const group of groups) start = (start << 16n) | BigInt(group)
  const hostMask = kAllOnes128 >> BigInt(length)
  if ((start & hostMask) !== 0n) {
    const network = start & ~hostMask
    const networkGroups = Array.from({ length: 8 }, (_, i) =>
      Number((network >> BigInt(112 - 16 * i)) & 0xffffn),
    )
    return `host bits are set; the network is ${ipv6Text(networkGroups)}/${length}`
  }
  const end = start | hostMask
  if (length >= 96 && start >> 32n === kMappedHigh) {
    return { family: 4, start: Number(start & 0xffffffffn), end: Number(end & 0xffffffffn) }
  }
  return { family: 6, start, end }
}

/** Whether the range holds the address (same family only; mapped IPv4 is already IPv4). */
export function rangeHolds(range: AddressRange, address: IpAddress): boolean {
  if (range.family !== address.family) return false
  return range.start <= address.value && address.value <= range.end
}
