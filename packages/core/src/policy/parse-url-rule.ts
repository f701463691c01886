/**
 * URL rules: `https://otel.test:4318/v1/`. The host and port (the scheme's default when absent)
 * admit connections; the path, when not `/`, is a prefix the HTTP layer's URL must fall under.
 * Hosts are read as the WHATWG URL parser reads them (as `fetch` would).
 */
import { EgressPolicyError } from '../errors.js'
import { defaultPorts } from './default-ports.js'
import { parseRuleHost } from './parse-rule-host.js'
import { parseRulePort } from './port.js'
import type { HostRule } from './rule.js'

export function parseUrlRule(rule: string): HostRule {
  let url: URL
  try {
    url = new URL(rule)
  } catch {
    throw new EgressPolicyError(rule, 'it is not a valid URL')
  }
  if (url.username !== '' || url.password !== '')
    throw new EgressPolicyError(rule, 'a URL rule carries no credentials')
  if (rule.includes('?') || rule.includes('#')) {
    throw new EgressPolicyError(
      rule,
      'a URL rule holds no query or fragment; only its path prefix is matched',
    )
  }
  const scheme = url.protocol.slice(0, -1)
  const host = hostOf(url, rule)
  const port = portOf(url, scheme, rule)
  const path = url.pathname === '' ? '/' : url.pathname
  return {
    kind: 'host',
    rule,
    target: parseRuleHost(host, rule),
    port,
    pathPrefix: path === '/' ? undefined : path,
  }
}

function hostOf(url: URL, rule: string): string {
  if (url.hostname === '') throw new EgressPolicyError(rule, 'the URL has no host')
  try {
    // Non-special schemes (postgres:, bolt:) keep the host percent-encoded and in its written case.
    return decodeURIComponent(url.hostname)
  } catch {
    throw new EgressPolicyError(rule, `the URL host ${JSON.stringify(url.hostname)} is badly percent-encoded`)
  }
}

function portOf(url: URL, scheme: string, rule: string): number {
  if (url.port !== '') {
    const port = parseRulePort(url.port)
    if (typeof port === 'string') throw new EgressPolicyError(rule, port)
    return port
  }
  const port = defaultPorts.get(scheme)
  if (port === undefined) {
    throw new EgressPolicyError(
      rule,
      `scheme "${scheme}:" has no default port here; write one, as in "${scheme}://host:1234"`,
    )
  }
  return port
}
