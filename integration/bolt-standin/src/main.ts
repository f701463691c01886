/**
 * Container entry point. Reads the environment a Neo4j image reads (NEO4J_AUTH,
 * NEO4J_server_bolt_advertised__address) plus BOLT_PORT, and prints `Started.` when it listens,
 * as Neo4j does, so the same wait strategy fits both.
 */
import { parseNeo4jAuth } from './auth.js'
import { supportedShapes } from './cypher-templates.js'
import { startBoltServer, supportedVersions } from './server.js'

const env = process.env
const port = Number(env.BOLT_PORT ?? 7687)
const advertisedAddress = env.NEO4J_server_bolt_advertised__address || undefined
const server = await startBoltServer({
  port,
  auth: parseNeo4jAuth(env.NEO4J_AUTH),
  advertisedAddress,
  log: (line) => console.log(line),
})
const versions = supportedVersions.map((v) => `${v.major}.${v.minor}`).join(', ')
console.log(`Bolt stand-in (egress-guard): not Neo4j; Bolt ${versions}; in-memory graph`)
console.log(`Bolt stand-in: supported queries: ${supportedShapes.join(' | ')}`)
console.log(
  `Bolt enabled on 0.0.0.0:${server.port}; advertised address: ${advertisedAddress ?? '(the address each client dialled)'}`,
)
console.log('Started.')

// PID 1 in a container gets no default signal handling: stop on SIGTERM and SIGINT ourselves.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0))
  })
}
