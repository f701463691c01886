/**
 * The Docker endpoint testcontainers talks to, read from its own client (the dockerode modem it
 * built from DOCKER_HOST, ~/.testcontainers.properties or the default socket): a unix socket path,
 * or a TCP host and port.
 */
import type { ContainerRuntimeClient } from 'testcontainers'
import type { DeclaredStore, Endpoint } from './declared-store.js'

interface ModemLike {
  socketPath?: unknown
  host?: unknown
  port?: unknown
  protocol?: unknown
}

export function dockerEndpointOf(client: ContainerRuntimeClient): Endpoint {
  const modem = (client.container as { dockerode?: { modem?: ModemLike } }).dockerode?.modem
  if (!modem)
    throw new Error('cannot read the Docker endpoint: the testcontainers client has no dockerode modem')
  if (typeof modem.socketPath === 'string' && modem.socketPath !== '') return { path: modem.socketPath }
  if (typeof modem.host === 'string' && modem.host !== '') {
    const port = Number(modem.port) || (modem.protocol === 'https' ? 2376 : 2375)
    return { host: modem.host, port }
  }
  throw new Error(
    `cannot read the Docker endpoint from the testcontainers client (modem: ${JSON.stringify(modem)})`,
  )
}

export function dockerEndpointStore(client: ContainerRuntimeClient): DeclaredStore {
  return { name: 'Docker endpoint', kind: 'docker-endpoint', endpoints: [dockerEndpointOf(client)] }
}
