/** Start the two stores the pipeline uses, the way users start them: testcontainers, mapped ports. */
import { PostgreSqlContainer, type StartedPostgreSqlContainer } from '@testcontainers/postgresql'
import { GenericContainer, type StartedTestContainer, Wait } from 'testcontainers'
import { graphImage, postgresImage } from './images.js'

export const GRAPH_USER = 'neo4j'
export const GRAPH_PASSWORD = 'egress-guard-secret'
export const BOLT_PORT = 7687

export function startPostgres(): Promise<StartedPostgreSqlContainer> {
  return new PostgreSqlContainer(postgresImage()).start()
}

export interface GraphStoreOptions {
  /** `host:port` the store advertises in its routing table (what `neo4j://` clients then dial). */
  advertisedAddress?: string
}

/**
 * A Bolt store: real Neo4j when NEO4J_IMAGE is set, else the local stand-in. Both read NEO4J_AUTH
 * and the advertised-address settings, and log `Started.` when ready.
 */
export async function startGraphStore(options: GraphStoreOptions = {}): Promise<StartedTestContainer> {
  const { image, kind } = graphImage()
  const env: Record<string, string> = { NEO4J_AUTH: `${GRAPH_USER}/${GRAPH_PASSWORD}` }
  if (options.advertisedAddress) {
    const host = options.advertisedAddress.replace(/:\d+$/, '')
    env.NEO4J_server_default__advertised__address = host
    env.NEO4J_server_bolt_advertised__address = options.advertisedAddress
  }
  const container = await new GenericContainer(image)
    .withExposedPorts(BOLT_PORT)
    .withEnvironment(env)
    .withWaitStrategy(Wait.forLogMessage(/Started\./))
    .withStartupTimeout(kind === 'neo4j' ? 180_000 : 30_000)
    .start()
  console.info(`[integration] graph store: ${kind === 'neo4j' ? 'real Neo4j' : 'Bolt stand-in'} (${image})`)
  return container
}

export function boltUri(container: StartedTestContainer, scheme: 'bolt' | 'neo4j' = 'bolt'): string {
  return `${scheme}://${container.getHost()}:${container.getMappedPort(BOLT_PORT)}`
}
