/** Read the graph back: node counts per label and the relationship pairs, to check what was loaded. */
import type { Driver } from 'neo4j-driver'
import type { GraphMapping } from './mapping.js'

export interface GraphContents {
  nodes: Record<string, number>
  relationships: Record<string, Array<[unknown, unknown]>>
}

const plain = (v: unknown) =>
  v !== null && typeof v === 'object' && 'toNumber' in v ? (v as { toNumber(): number }).toNumber() : v

export async function readGraph(driver: Driver, mapping: GraphMapping): Promise<GraphContents> {
  const out: GraphContents = { nodes: {}, relationships: {} }
  const session = driver.session()
  try {
    for (const n of mapping.nodes) {
      const r = await session.executeRead((tx) => tx.run(`MATCH (n:${n.label}) RETURN count(n) AS count`))
      out.nodes[n.label] = plain(r.records[0]?.get('count')) as number
    }
    for (const rel of mapping.relationships) {
      const r = await session.executeRead((tx) =>
        tx.run(
          `MATCH (a:${rel.from.label})-[:${rel.type}]->(b:${rel.to.label}) ` +
            `RETURN a.${rel.from.key} AS from, b.${rel.to.key} AS to ORDER BY from`,
        ),
      )
      out.relationships[`${rel.from.label}-${rel.type}->${rel.to.label}`] = r.records.map((rec) => [
        plain(rec.get('from')),
        plain(rec.get('to')),
      ])
    }
  } finally {
    await session.close()
  }
  return out
}
