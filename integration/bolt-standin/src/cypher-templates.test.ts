import { describe, expect, it } from 'vitest'
import { CypherError } from './cypher-error.js'
import { runQuery } from './cypher-templates.js'
import { GraphStore } from './graph-store.js'

describe('the Cypher the stand-in runs', () => {
  it('merges nodes, links them and reads counts and pairs back', () => {
    const store = new GraphStore()
    const customers = {
      rows: [
        { id: 1n, name: 'Ada' },
        { id: 2n, name: 'Grace' },
      ],
    }
    const orders = { rows: [{ id: 10n }, { id: 11n }] }
    runQuery('UNWIND $rows AS row MERGE (n:Customer {id: row.id}) SET n += row', customers, store)
    runQuery('UNWIND $rows AS row\n  MERGE (o:Order {id: row.id})\n  SET o += row;', orders, store)
    const link = runQuery(
      'UNWIND $rows AS row MATCH (a:Order {id: row.from}) MATCH (b:Customer {id: row.to}) MERGE (a)-[:CUSTOMER]->(b)',
      {
        rows: [
          { from: 10n, to: 1n },
          { from: 11n, to: 1.0 },
          { from: 12n, to: 2n },
        ],
      },
      store,
    )
    expect(link.stats['relationships-created']).toBe(2)
    expect(runQuery('MATCH (c:Customer) RETURN count(c) AS n', {}, store).records).toEqual([[2n]])
    const pairs = runQuery(
      'MATCH (a:Order)-[:CUSTOMER]->(b:Customer) RETURN a.id AS o, b.name AS c ORDER BY o',
      {},
      store,
    )
    expect(pairs.fields).toEqual(['o', 'c'])
    expect(pairs.records).toEqual([
      [10n, 'Ada'],
      [11n, 'Ada'],
    ])
  })

  it('refuses other queries and mismatched variables, listing the supported shapes', () => {
    const store = new GraphStore()
    for (const q of ['MATCH (n) RETURN n', 'UNWIND $rows AS row MERGE (n:A {id: row.id}) SET m += row']) {
      const error = (() => {
        try {
          runQuery(q, { rows: [] }, store)
        } catch (e) {
          return e
        }
      })()
      expect(error).toBeInstanceOf(CypherError)
      expect((error as CypherError).message).toContain(JSON.stringify(q))
      expect((error as CypherError).message).toContain('MERGE (n:Label {key: row.key})')
    }
  })

  it('names a parameter that is not a list of maps', () => {
    expect(() =>
      runQuery('UNWIND $rows AS row MERGE (n:A {id: row.id}) SET n += row', { rows: 3n }, new GraphStore()),
    ).toThrow('parameter $rows must be a list of maps')
  })
})
