/**
 * Step 3: read each mapped table's rows from Postgres and write them to the graph through
 * neo4j-driver: nodes with MERGE on their key, then relationships, each batch in a write transaction.
 */
import neo4j, { type Driver } from 'neo4j-driver'
import type pg from 'pg'
import type { GraphMapping, NodeMapping } from './mapping.js'

export interface LoadSummary {
  nodesCreated: number
  relationshipsCreated: number
  propertiesSet: number
  rowsRead: number
}

/** Postgres values as graph property values: integers as Neo4j integers, numerics as floats. */
function graphValue(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null
  if (type === 'integer' || type === 'bigint' || type === 'smallint') return neo4j.int(String(value))
  if (type === 'numeric' || type === 'double precision' || type === 'real') return Number(value)
  if (value instanceof Date) return value.toISOString()
  return value
}

async function readRows(
  db: pg.ClientBase,
  table: string,
  columns: string[],
): Promise<Record<string, unknown>[]> {
  const list = columns.map((c) => `"${c}"`).join(', ')
  return (await db.query(`SELECT ${list} FROM "${table}" ORDER BY 1`)).rows
}

export async function loadGraph(
  db: pg.ClientBase,
  driver: Driver,
  mapping: GraphMapping,
): Promise<LoadSummary> {
  const summary: LoadSummary = { nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0, rowsRead: 0 }
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE })
  const write = async (query: string, rows: unknown[]) => {
    const result = await session.executeWrite((tx) => tx.run(query, { rows }))
    const u = result.summary.counters.updates()
    summary.nodesCreated += u.nodesCreated
    summary.relationshipsCreated += u.relationshipsCreated
    summary.propertiesSet += u.propertiesSet
  }
  try {
    for (const node of mapping.nodes) {
      const columns = node.properties.map((p) => p.column)
      const rows = await readRows(db, node.table, columns)
      summary.rowsRead += rows.length
      await write(
        `UNWIND $rows AS row MERGE (n:${node.label} {${node.key}: row.${node.key}}) SET n += row`,
        rows.map((r) => toProperties(r, node)),
      )
    }
    for (const rel of mapping.relationships) {
      const rows = await readRows(db, rel.table, [rel.from.column, rel.column])
      const pairs = rows
        .filter((r) => r[rel.column] !== null)
        .map((r) => ({ from: keyValue(r[rel.from.column]), to: keyValue(r[rel.column]) }))
      await write(
        `UNWIND $rows AS row MATCH (a:${rel.from.label} {${rel.from.key}: row.from}) ` +
          `MATCH (b:${rel.to.label} {${rel.to.key}: row.to}) MERGE (a)-[:${rel.type}]->(b)`,
        pairs,
      )
    }
  } finally {
    await session.close()
  }
  return summary
}

/** A key column's value: whole numbers as Neo4j integers (as the node properties were written). */
function keyValue(value: unknown): unknown {
  return typeof value === 'number' || (typeof value === 'string' && /^-?\d+$/.test(value))
    ? neo4j.int(String(value))
    : value
}

function toProperties(row: Record<string, unknown>, node: NodeMapping): Record<string, unknown> {
  return Object.fromEntries(node.properties.map((p) => [p.column, graphValue(row[p.column], p.type)]))
}
