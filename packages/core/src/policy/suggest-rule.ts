/**
 * suggestRule(): the narrowest sensible rule that admits a destination, ready to paste into `allow`:
 * `api.example.test:443`, `[2001:db8::1]:443`, `unix:/run/app.sock`. Never throws; an empty string
 * when no rule can be written (a destination that is not one, or a numeric-looking name not yet resolved).
 */
import { formatAddressPort, type IpAddress, parseAddress } from './address.js'
import { hostFormOf } from './host-form.js'
import { endsInNumber } from './host-name.js'
import { isLoopbackName, reachesLocalHost } from './loopback.js'
import { isMetadataIp } from './metadata.js'
import { normaliseSocketPath } from './parse-unix-rule.js'
import { destinationPort } from './port.js'

export function suggestRule(destination: unknown): string {
  if (typeof destination !== 'object' || destination === null) return ''
  const { host, port, address, path } = destination as Record<string, unknown>
  if (typeof path === 'string' && path !== '') return unixRuleFor(path)
  const portOrReason = destinationPort(port)
  const validPort = 'port' in portOrReason ? portOrReason.port : undefined
  const resolved = typeof address === 'string' ? parseAddress(address) : undefined
  const form = hostFormOf(host)
  if (form.kind === 'address') return formatAddressPort(resolved ?? form.address, validPort)
  if (form.kind === 'invalid') return resolved ? formatAddressPort(resolved, validPort) : ''
  if (resolved && needsAddressRule(form.name, resolved)) return formatAddressPort(resolved, validPort)
  if (endsInNumber(form.name)) return resolved ? formatAddressPort(resolved, validPort) : ''
  return validPort === undefined ? form.name : `${form.name}:${validPort}`
}

/** A name rule cannot admit these: metadata addresses, and loopback names resolved elsewhere. */
function needsAddressRule(name: string, address: IpAddress): boolean {
  return isMetadataIp(address) || (isLoopbackName(name) && !reachesLocalHost(address))
}

/** `unix:/path` for an absolute socket path; none for a relative one or one naming a directory. */
function unixRuleFor(path: string): string {
  const normal = normaliseSocketPath(path)
  return normal.startsWith('/') && !normal.endsWith('/') ? `unix:${normal}` : ''
}
