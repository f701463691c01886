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

const kMetadataV4 = new Set<number>()
const kMetadataV6 = new Set<bigint>()
for (const { address } of metadataAddresses) {
  const parsed = parseAddress(address)
  if (parsed?.family === 4) kMetadataV4.add(parsed.value)
  else if (parsed?.family === 6) kMetadataV6.add(parsed.value)
}

/** Whether the address is a cloud metadata endpoint (IPv4-mapped forms included). */
export function isMetadataIp(address: IpAddress): boolean {
  return address.family === 4 ? kMetadataV4.has(address.value) : kMetadataV6.has(address.value)
}
