/**
 * When a contacted host names a declared one. Docker publishes container ports on every host
 * address, and clients dial `localhost`, `127.0.0.1` or `::1` interchangeably, so every loopback
 * form is one host here; other names and addresses must match exactly (after normalising case,
 * brackets and a trailing dot).
 */
import { isLoopbackAddress, normaliseHost } from 'egress-guard'

/** The policy engine's normal form of a host (case, brackets, zone id, trailing dot, mapped IPv4). */
export function normaliseHostForm(host: string): string {
  const trimmed = host.trim()
  return normaliseHost(trimmed) ?? trimmed.toLowerCase()
}

/** Loopback as the policy engine decides it: 127.0.0.0/8, ::1, mapped 127/8, localhost, *.localhost. */
export function isLoopbackHost(host: string): boolean {
  return isLoopbackAddress(normaliseHostForm(host))
}

export function isSameHost(a: string, b: string): boolean {
  const x = normaliseHostForm(a)
  const y = normaliseHostForm(b)
  return x === y || (isLoopbackHost(x) && isLoopbackHost(y))
}
