import neo4j from 'neo4j-driver'
import { describe, expect, it } from 'vitest'
import { parseNeo4jAuth } from './auth.js'
import { startBoltServer } from './server.js'

const auth = neo4j.auth.basic('neo4j', 'pw')
const merge = 'UNWIND $rows AS row MERGE (n:Customer {id: row.id}) SET n += row'
const count = 'MATCH (n:Customer) RETURN count(n) AS count'
const rows = [
  { id: neo4j.int(1), name: 'Ada' },
  { id: neo4j.int(2), name: 'Grace' },
]

/** A stand-in on a free loopback port that accepts neo4j/pw (`auth` above). */
function startLocalStandIn(extra: { advertisedAddress?: string } = {}) {
  return startBoltServer({ port: 0, host: '127.0.0.1', auth: parseNeo4jAuth('neo4j/pw'), ...extra })
}

describe('the Bolt stand-in with the real neo4j-driver', () => {
  it('writes and reads back over bolt:// in managed transactions', async () => {
    await using server = await startLocalStandIn()
    const driver = neo4j.driver(`bolt://127.0.0.1:${server.port}`, auth)
    try {
      const session = driver.session()
      const w = await session.executeWrite((tx) => tx.run(merge, { rows }))
      expect(w.summary.counters.updates()).toMatchObject({ nodesCreated: 2, labelsAdded: 2 })
      const again = await session.executeWrite((tx) => tx.run(merge, { rows }))
      expect(again.summary.counters.updates().nodesCreated).toBe(0)
      const r = await session.executeRead((tx) => tx.run(count))
      expect(r.records[0]?.get('count').toNumber()).toBe(2)
      await session.close()
    } finally {
      await driver.close()
    }
  })

  it('undoes a rolled-back transaction', async () => {
    await using server = await startLocalStandIn()
    const driver = neo4j.driver(`bolt://127.0.0.1:${server.port}`, auth)
    try {
      const session = driver.session()
      const tx = await session.beginTransaction()
      await tx.run(merge, { rows })
      await tx.rollback()
      expect(server.store.findNodes('Customer')).toEqual([])
      await session.close()
    } finally {
      await driver.close()
    }
  })

  it('refuses a wrong password and an unsupported query with Neo4j status codes and clear messages', async () => {
    await using server = await startLocalStandIn()
    const wrong = neo4j.driver(`bolt://127.0.0.1:${server.port}`, neo4j.auth.basic('neo4j', 'nope'))
    await expect(wrong.verifyAuthentication()).resolves.toBe(false)
    await wrong.close()
    const driver = neo4j.driver(`bolt://127.0.0.1:${server.port}`, auth)
    try {
      const error = await driver.executeQuery('MATCH (n) DETACH DELETE n').catch((e) => e)
      expect(error.code).toBe('Neo.ClientError.Statement.SyntaxError')
      expect(error.message).toMatch(/unsupported query "MATCH \(n\) DETACH DELETE n".*runs only these shapes/)
      // The connection recovers (RESET) and serves the next query.
      const { records } = await driver.executeQuery(count)
      expect(records[0]?.get('count').toNumber()).toBe(0)
    } finally {
      await driver.close()
    }
  })

  it('routes neo4j:// clients to the advertised address', async () => {
    await using target = await startLocalStandIn()
    await using router = await startLocalStandIn({ advertisedAddress: `127.0.0.1:${target.port}` })
    const driver = neo4j.driver(`neo4j://127.0.0.1:${router.port}`, auth)
    try {
      await driver.executeQuery(merge, { rows })
      expect(target.store.findNodes('Customer')).toHaveLength(2)
      expect(router.store.findNodes('Customer')).toHaveLength(0)
    } finally {
      await driver.close()
    }
  })
})
