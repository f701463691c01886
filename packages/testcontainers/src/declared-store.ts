/**
 * What a test declares it may contact: stores (started containers), the Docker endpoint that manages
 * them, and any extra destination written as a rule. Plain data, resolved before comparing.
 */

/** One network endpoint: TCP `host:port`, or a unix socket path. */
export type Endpoint = { host: string; port: number } | { path: string }

export interface DeclaredStore {
  /** How the store is named in messages: the container's name and image, `Docker endpoint`, or the rule. */
  name: string
  kind: 'container' | 'docker-endpoint' | 'rule'
  /** Every endpoint that reaches this store (a container has one per published port). */
  endpoints: Endpoint[]
}

/** `host:port`, `[v6]:port` or `unix:/path`: the same keys an egress report groups attempts by. */
export function endpointKey(endpoint: Endpoint): string {
  if ('path' in endpoint) return `unix:${endpoint.path}`
  return endpoint.host.includes(':')
    ? `[${endpoint.host}]:${endpoint.port}`
    : `${endpoint.host}:${endpoint.port}`
}

/** Parses `host:port`, `[v6]:port` or `unix:/path` (the forms `containerRules` writes). */
export function parseEndpoint(rule: string): Endpoint {
  if (rule.startsWith('unix:')) {
    const path = rule.slice('unix:'.length)
    if (path.startsWith('/')) return { path }
  } else {
    const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(rule.trim())
    const port = Number(m?.[3])
    if (m && port > 0 && port < 65536) return { host: (m[1] ?? m[2]) as string, port }
  }
  throw new TypeError(
    `declared destination ${JSON.stringify(rule)} is not "host:port", "[v6]:port" or "unix:/path"`,
  )
}
