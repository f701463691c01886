import { withEgressGuard } from 'egress-guard'
import { describe, expect, it } from 'vitest'
import '../support/matchers.js'
import { graphImage } from '../support/images.js'
import { shopPipeline, startSeededStores } from '../support/shop.js'
import { BOLT_PORT } from '../support/stores.js'

describe(`record mode around the whole flow (graph store: ${graphImage().kind})`, () => {
  it('contacts exactly Postgres, the Bolt store and the Docker endpoint', async () => {
    // Everything runs under the guard: starting the containers (Docker endpoint), testcontainers'
    // readiness probes, seeding and the pipeline (Postgres and Bolt).
    const { value, report } = await withEgressGuard({ mode: 'record' }, async () => {
      const [pg, graph] = await startSeededStores()
      return { pg, graph, result: await shopPipeline(pg, graph) }
    })
    const { pg, graph, result } = value
    try {
      expect(result.summary.nodesCreated).toBe(6)
      console.info(
        `[integration] destinations: ${report
          .destinations()
          .map((d) => d.destination)
          .join(', ')}`,
      )
      await expect(report).toContactOnly([pg, graph], { dockerEndpoint: 'required' })

      // The same fact read straight from the report: every attempt went to one of the three
      // (or was a DNS lookup of the stores' host name, which testcontainers does on start).
      const storePorts = [pg.getMappedPort(5432), graph.getMappedPort(BOLT_PORT)]
      const stray = report.attempts.filter(
        (a) =>
          a.path !== '/var/run/docker.sock' &&
          !storePorts.includes(a.port as number) &&
          !(a.protocol === 'dns' && a.host === pg.getHost()),
      )
      expect(stray).toEqual([])
      expect(report.attempts.some((a) => a.port === storePorts[0])).toBe(true)
      expect(report.attempts.some((a) => a.port === storePorts[1])).toBe(true)
      expect(report.attempts.some((a) => a.path === '/var/run/docker.sock')).toBe(true)
    } finally {
      await Promise.all([pg.stop(), graph.stop()])
    }
  })
})
