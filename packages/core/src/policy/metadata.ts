/**
 * Cloud instance metadata endpoints. They hand out credentials to anything that asks, so a name rule
 * never admits them: only an address or CIDR rule does.
 */
import { type IpAddress, parseAddress } from './address.js'

/** Each endpoint, with who serves it. */
export const metadataAddresses: readonly { address: string; service: string }[] = [
  { address: '169.254.169.254', service: 'AWS, GCP, Azure, OCI and OpenStack instance metadata' },
  { address: 'fd00:ec2::254', service: 'AWS instance metadata over IPv6' },
  { address: '169.254.170.2', service: 'AWS ECS task metadata and credentials' },
  { address: '169.254.170.23', service: 'AWS EKS Pod Identity credentials' },
  { address: 'fd00:ec2::23', service: 'AWS EKS Pod Identity credentials over IPv6' },
  { address: '100.100.100.200', service: 'Alibaba Cloud instance metadata' },
  { address: '192.0.0.192', service: 'Oracle Cloud (legacy) instance metadata' },
]

// Parsed on first use, one family at a time: parsing an IPv6 address at import would make every
// process that loads egress-guard compile Node's IPv6 pattern, even one that only dials IPv4.
let metadataV4: ReadonlySet<number> | undefined
let metadataV6: ReadonlySet<bigint> | undefined

function valuesOf<T>(family: 4 | 6): Set<T> {
  const values = new Set<T>()
  for (const { address } of metadataAddresses) {
    if (address.includes(':') !== (family === 6)) continue
    const parsed = parseAddress(address)
    if (parsed?.family === family) values.add(parsed.value as T)
  }
  return values
}

/** Whether the address is a cloud metadata endpoint (IPv4-mapped forms included). */
export function isMetadataIp(address: IpAddress): boolean {
  if (address.family === 4) {
    metadataV4 ??= valuesOf<number>(4)
    return metadataV4.has(address.value)
  }
  metadataV6 ??= valuesOf<bigint>(6)
  return metadataV6.has(address.value)
}
