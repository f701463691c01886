/**
 * When a contacted host names a declared one. Docker publishes container ports on every host
 * address, and clients dial `localhost`, `127.0.0.1` or `::1` interchangeably, so every loopback
 * form is one host here; other names and addresses must match exactly (after normalising case,
 * brackets and a trailing dot).
 */

export function normaliseHostForm(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .replace(/\.$/, '')
}

export function isLoopbackHost(host: string): boolean {
  const h = normaliseHostForm(host)
  if (h === 'localhost' || h.endsWith('.localhost')) return true
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)
}

export function isSameHost(a: string, b: string): boolean {
  const x = normaliseHostForm(a)
  const y = normaliseHostForm(b)
  return x === y || (isLoopbackHost(x) && isLoopbackHost(y))
}
