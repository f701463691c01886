import { checkContacts } from '@egress-guard/testcontainers'
import type { StartedPostgreSqlContainer } from '@testcontainers/postgresql'
import { withEgressGuard } from 'egress-guard'
import type { StartedTestContainer } from 'testcontainers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import '../support/matchers.js'
import { seedShop } from '../pipeline/seed.js'
import { unusedLoopbackPort } from '../support/free-port.js'
import { graphImage } from '../support/images.js'
import { shopPipeline } from '../support/shop.js'
import { startGraphStore, startPostgres } from '../support/stores.js'

describe(`neo4j:// routing (graph store: ${graphImage().kind})`, () => {
  let pg: StartedPostgreSqlContainer
  let graph: StartedTestContainer
  let advertised: string

  beforeAll(async () => {
    advertised = `127.0.0.1:${await unusedLoopbackPort()}`
    ;[pg, graph] = await Promise.all([startPostgres(), startGraphStore({ advertisedAddress: advertised })])
    await seedShop(pg.getConnectionUri())
  })
  afterAll(async () => {
    await Promise.all([pg?.stop(), graph?.stop()])
  })

  it('reports the driver dialling the undeclared address the routing table advertises', async () => {
    const { value: outcome, report } = await withEgressGuard({ mode: 'record' }, () =>
      shopPipeline(pg, graph, { scheme: 'neo4j', maxTransactionRetryTimeMs: 1_000 }).then(
        () => 'loaded',
        (e: Error) => e,
      ),
    )
    // Nothing listens at the advertised address, so the load fails after the driver tried it.
    expect(outcome).toBeInstanceOf(Error)
    const [host, port] = [advertised.split(':')[0], Number(advertised.split(':')[1])]
    const dialled = report.attempts.filter((a) => a.port === port)
    expect(dialled.length).toBeGreaterThan(0)
    expect(dialled.every((a) => a.host === host || a.address === host)).toBe(true)

    const diff = await checkContacts(report, [pg, graph])
    expect(diff.unexpected.map((u) => u.destination)).toEqual([advertised])
    await expect(expect(report).toContactOnly([pg, graph])).rejects.toThrow(`+ ${advertised}`)
  })
})
