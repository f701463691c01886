/** The ROUTE answer: one server (the advertised address) as writer, reader and router. */
import { CypherError } from './cypher-error.js'
import type { PackValue } from './packstream.js'

type Map_ = { [key: string]: PackValue }

/**
 * `advertised` wins; otherwise the address the client put in its routing context (the host:port
 * it dialled), so an unconfigured stand-in routes back to itself.
 */
export function routingTable(context: Map_, extra: Map_, advertised: string | undefined): Map_ {
  const address = advertised ?? (typeof context.address === 'string' ? context.address : undefined)
  if (!address) {
    throw new CypherError(
      'Neo.ClientError.Request.Invalid',
      'Bolt stand-in: ROUTE without an advertised address or a routing context address',
    )
  }
  const db = typeof extra.db === 'string' ? extra.db : 'neo4j'
  return {
    ttl: 300n,
    db,
    servers: ['WRITE', 'READ', 'ROUTE'].map((role) => ({ addresses: [address], role })),
  }
}
