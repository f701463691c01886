import type { StartedPostgreSqlContainer } from '@testcontainers/postgresql'
import neo4j from 'neo4j-driver'
import type { StartedTestContainer } from 'testcontainers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSeededStores } from '../support/shop.js'
import { boltUri, GRAPH_PASSWORD, GRAPH_USER } from '../support/stores.js'
import { runPipeline } from './run-pipeline.js'
import { customers, orders } from './seed.js'
import { readGraph } from './verify-graph.js'

describe('the pipeline (introspect → mapping → load graph)', () => {
  let pg: StartedPostgreSqlContainer
  let graph: StartedTestContainer

  beforeAll(async () => {
    ;[pg, graph] = await startSeededStores()
  })
  afterAll(async () => {
    await Promise.all([pg?.stop(), graph?.stop()])
  })

  it('loads every customer and order as nodes and each order-to-customer key as a relationship', async () => {
    const { mapping, summary } = await runPipeline({
      postgres: { connectionString: pg.getConnectionUri() },
      graph: { uri: boltUri(graph), user: GRAPH_USER, password: GRAPH_PASSWORD },
      tables: ['customers', 'orders'],
    })
    expect(mapping.nodes.map((n) => [n.label, n.key])).toEqual([
      ['Customer', 'id'],
      ['Order', 'id'],
    ])
    expect(mapping.relationships.map((r) => `${r.from.label}-${r.type}->${r.to.label}`)).toEqual([
      'Order-CUSTOMER->Customer',
    ])
    expect(summary).toMatchObject({
      nodesCreated: customers.length + orders.length,
      relationshipsCreated: orders.length,
    })

    const driver = neo4j.driver(boltUri(graph), neo4j.auth.basic(GRAPH_USER, GRAPH_PASSWORD))
    try {
      expect(await readGraph(driver, mapping)).toEqual({
        nodes: { Customer: customers.length, Order: orders.length },
        relationships: { 'Order-CUSTOMER->Customer': orders.map((o) => [o.id, o.customer_id]) },
      })
    } finally {
      await driver.close()
    }
  })

  it('is idempotent: a second run merges onto the same nodes and creates nothing', async () => {
    const { summary } = await runPipeline({
      postgres: { connectionString: pg.getConnectionUri() },
      graph: { uri: boltUri(graph), user: GRAPH_USER, password: GRAPH_PASSWORD },
      tables: ['customers', 'orders'],
    })
    expect(summary).toMatchObject({
      nodesCreated: 0,
      relationshipsCreated: 0,
      rowsRead: customers.length + orders.length,
    })
  })
})
