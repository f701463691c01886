/** `NEO4J_AUTH` as the Neo4j image reads it: `none`, or `user/password`. */

export type AuthConfig = { kind: 'none' } | { kind: 'basic'; user: string; password: string }

export function parseNeo4jAuth(value: string | undefined): AuthConfig {
  if (value === undefined || value === '') return { kind: 'basic', user: 'neo4j', password: 'password' }
  if (value === 'none') return { kind: 'none' }
  const slash = value.indexOf('/')
  if (slash <= 0 || slash === value.length - 1) {
    throw new Error(`NEO4J_AUTH must be "none" or "user/password", got ${JSON.stringify(value)}`)
  }
  return { kind: 'basic', user: value.slice(0, slash), password: value.slice(slash + 1) }
}

/** Does a LOGON token `{scheme, principal, credentials}` satisfy the configured auth? */
export function isAuthorised(config: AuthConfig, token: { [k: string]: unknown }): boolean {
  if (config.kind === 'none') return true
  return token.scheme === 'basic' && token.principal === config.user && token.credentials === config.password
}
