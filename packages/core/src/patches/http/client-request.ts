/**
 * Reading a `node:http` ClientRequest: the connection it is sent on and its real target.
 * The port is not kept on the request; Node writes it into the Host header it generates (omitting
 * the scheme's default port), so it is read back from there when that header names the same host.
 */
import type { ClientRequest } from 'node:http'
import { bareHost, defaultPortOf, type RequestTarget, requestTarget } from './request-target.js'

interface ClientRequestFields {
  protocol?: string
  host?: string
  method?: string
  path?: string
  agent?: { defaultPort?: number } | false
}

export function clientRequestTarget(request: ClientRequest): RequestTarget | undefined {
  const fields = request as unknown as ClientRequestFields
  const host = typeof fields.host === 'string' ? bareHost(fields.host) : undefined
  if (!host || typeof fields.path !== 'string' || typeof fields.method !== 'string') return undefined
  const protocol = fields.protocol ?? 'http:'
  const port = portFromHostHeader(request.getHeader('host'), host) ?? defaultPort(fields, protocol)
  if (port === undefined) return undefined
  return requestTarget({ protocol, host, port }, fields.method, fields.path)
}

function defaultPort(fields: ClientRequestFields, protocol: string): number | undefined {
  const agentPort = fields.agent ? fields.agent.defaultPort : undefined
  return typeof agentPort === 'number' ? agentPort : defaultPortOf(protocol)
}

function portFromHostHeader(header: unknown, host: string): number | undefined {
  if (typeof header !== 'string') return undefined
  const colon = header.lastIndexOf(':')
  if (colon === -1 || header.endsWith(']')) return undefined
  // Usually the header is exactly `${host}:${port}`: compare in place before slicing anything.
  const sameHost =
    (colon === host.length && header.startsWith(host)) ||
    bareHost(header.slice(0, colon)).toLowerCase() === host.toLowerCase()
  if (!sameHost) return undefined
  const port = Number(header.slice(colon + 1))
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined
}
