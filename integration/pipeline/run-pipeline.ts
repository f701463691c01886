/**
 * The pipeline end to end: introspect → mapping → load graph, from a Postgres database to a Bolt
 * store. Optionally reports a summary to a telemetry endpoint (an HTTP POST), the kind of side
 * call the egress assertion must catch when nobody declared it.
 */
import neo4j from 'neo4j-driver'
import pg from 'pg'
import { introspectSchema } from './introspect.js'
import { type LoadSummary, loadGraph } from './load-graph.js'
import { type GraphMapping, graphMapping } from './mapping.js'

export interface PipelineOptions {
  postgres: { connectionString: string }
  /** `bolt://host:port` or `neo4j://host:port` (routing). */
  graph: { uri: string; user: string; password: string; maxTransactionRetryTimeMs?: number }
  tables: string[]
  relationshipTypes?: Record<string, string>
  /** POST the load summary here when set. */
  telemetryUrl?: string
}

export interface PipelineResult {
  mapping: GraphMapping
  summary: LoadSummary
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const db = new pg.Client({ connectionString: options.postgres.connectionString })
  const driver = neo4j.driver(
    options.graph.uri,
    neo4j.auth.basic(options.graph.user, options.graph.password),
    {
      maxTransactionRetryTime: options.graph.maxTransactionRetryTimeMs ?? 30_000,
    },
  )
  await db.connect()
  try {
    const schema = await introspectSchema(db, options.tables)
    const mapping = graphMapping(schema, options.relationshipTypes)
    const summary = await loadGraph(db, driver, mapping)
    if (options.telemetryUrl) {
      const res = await fetch(options.telemetryUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'pipeline.loaded', ...summary }),
      })
      await res.body?.cancel()
    }
    return { mapping, summary }
  } finally {
    await Promise.allSettled([db.end(), driver.close()])
  }
}
