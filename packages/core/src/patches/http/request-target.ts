/**
 * Where an HTTP request really goes. Usually the connection's own origin; through a forward proxy
 * it is the absolute-form URL in the request line (`GET http://api.test/x`) or the authority of a
 * `CONNECT api.test:443` tunnel, while the connection itself only reaches the (loopback) proxy.
 */

export interface RequestTarget {
  host: string
  port: number
  /** The full URL (for a CONNECT tunnel, `https://host:port/`, a pseudo-URL with the root path). */
  url: string
  /** True when the target is not the connection's own origin (a proxy forwards it). */
  proxied: boolean
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 }

/** `[v6]` → `v6`: the policy takes bare addresses. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname
}

export function defaultPortOf(protocol: string): number | undefined {
  return DEFAULT_PORTS[protocol]
}

/** The connection a request is sent on: scheme, host (bare, no brackets) and port. */
export interface RequestOrigin {
  protocol: string
  host: string
  port: number
}

/**
 * The real target of a request sent on a connection to `origin`, or undefined when the request line
 * cannot be read (the socket layer then judges the connection alone).
 */
export function requestTarget(
  origin: RequestOrigin,
  method: string,
  path: string,
): RequestTarget | undefined {
  if (method === 'CONNECT') return connectTarget(path)
  if (path.startsWith('http://') || path.startsWith('https://')) return absoluteTarget(path)
  const { protocol, host, port } = origin
  const authority = host.includes(':') ? `[${host}]` : host
  const shownPort = port === defaultPortOf(protocol) ? '' : `:${port}`
  const url = `${protocol}//${authority}${shownPort}${path.startsWith('/') ? path : `/${path}`}`
  return { host, port, url, proxied: false }
}

/** The origin of an undici dispatch (`opts.origin`, a string or URL). */
export function originOfUrl(origin: string | URL): RequestOrigin | undefined {
  let url: URL
  try {
    url = typeof origin === 'string' ? new URL(origin) : origin
  } catch {
    return undefined
  }
  const port = url.port ? Number(url.port) : defaultPortOf(url.protocol)
  if (port === undefined) return undefined
  return { protocol: url.protocol, host: bareHost(url.hostname), port }
}

function connectTarget(authority: string): RequestTarget | undefined {
  let parsed: URL
  try {
    parsed = new URL(`https://${authority}/`)
  } catch {
    return undefined
  }
  const port = parsed.port ? Number(parsed.port) : 443
  return { host: bareHost(parsed.hostname), port, url: parsed.href, proxied: true }
}

function absoluteTarget(path: string): RequestTarget | undefined {
  let parsed: URL
  try {
    parsed = new URL(path)
  } catch {
    return undefined
  }
  const port = parsed.port ? Number(parsed.port) : defaultPortOf(parsed.protocol)
  if (port === undefined) return undefined
  return { host: bareHost(parsed.hostname), port, url: parsed.href, proxied: true }
}
