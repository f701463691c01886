/** The pipeline configured against started stores, for the egress tests. */
import type { StartedPostgreSqlContainer } from '@testcontainers/postgresql'
import type { StartedTestContainer } from 'testcontainers'
import { type PipelineOptions, type PipelineResult, runPipeline } from '../pipeline/run-pipeline.js'
import { seedShop } from '../pipeline/seed.js'
import { boltUri, GRAPH_PASSWORD, GRAPH_USER, startGraphStore, startPostgres } from './stores.js'

/** Start Postgres and the graph store side by side, and seed Postgres with the shop's rows. */
export async function startSeededStores(): Promise<[StartedPostgreSqlContainer, StartedTestContainer]> {
  const stores = await Promise.all([startPostgres(), startGraphStore()])
  await seedShop(stores[0].getConnectionUri())
  return stores
}

export function shopPipeline(
  pg: StartedPostgreSqlContainer,
  graph: StartedTestContainer,
  extra: { scheme?: 'bolt' | 'neo4j'; telemetryUrl?: string; maxTransactionRetryTimeMs?: number } = {},
): Promise<PipelineResult> {
  const options: PipelineOptions = {
    postgres: { connectionString: pg.getConnectionUri() },
    graph: {
      uri: boltUri(graph, extra.scheme),
      user: GRAPH_USER,
      password: GRAPH_PASSWORD,
      maxTransactionRetryTimeMs: extra.maxTransactionRetryTimeMs ?? 2_000,
    },
    tables: ['customers', 'orders'],
  }
  if (extra.telemetryUrl) options.telemetryUrl = extra.telemetryUrl
  return runPipeline(options)
}

/** The error itself or the first one in its `cause` chain that has `code`. */
export function findCode(error: unknown, code: string): (Error & Record<string, unknown>) | undefined {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 10;
    e = e.cause as typeof e, i++
  ) {
    if (e.code === code) return e as Error & Record<string, unknown>
  }
  return undefined
}
