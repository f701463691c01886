import { containerRules } from '@egress-guard/testcontainers'
import type { StartedPostgreSqlContainer } from '@testcontainers/postgresql'
import { withEgressGuard } from 'egress-guard'
import type { StartedTestContainer } from 'testcontainers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphImage } from '../support/images.js'
import { findCode, shopPipeline, startSeededStores } from '../support/shop.js'
import { BOLT_PORT } from '../support/stores.js'

// Loopback is allowed by default; these tests turn that off so that only the rules decide.
describe(`block mode around the pipeline (graph store: ${graphImage().kind})`, () => {
  let pg: StartedPostgreSqlContainer
  let graph: StartedTestContainer

  beforeAll(async () => {
    ;[pg, graph] = await startSeededStores()
  })
  afterAll(async () => {
    await Promise.all([pg?.stop(), graph?.stop()])
  })

  it('passes when the declared stores are the allow rules', async () => {
    const allow = await containerRules(pg, graph)
    expect(allow).toEqual([
      `${pg.getHost()}:${pg.getMappedPort(5432)}`,
      `${graph.getHost()}:${graph.getMappedPort(BOLT_PORT)}`,
      'unix:/var/run/docker.sock',
    ])
    const { value, report } = await withEgressGuard({ mode: 'block', allowLoopback: false, allow }, () =>
      shopPipeline(pg, graph),
    )
    expect(value.summary.rowsRead).toBe(6)
    expect(report.violations).toEqual([])
    expect(report.attempts.length).toBeGreaterThan(0)
  })

  it('fails with ERR_EGRESS_BLOCKED naming Postgres when no store is allowed', async () => {
    const error = await withEgressGuard({ mode: 'block', allowLoopback: false, allow: [] }, () =>
      shopPipeline(pg, graph),
    ).catch((e: unknown) => e)
    const blocked = findCode(error, 'ERR_EGRESS_BLOCKED')
    expect(blocked, String(error)).toBeDefined()
    expect(blocked?.port).toBe(pg.getMappedPort(5432))
  })

  it('blocks the Bolt store when only Postgres is allowed, and the driver error names it', async () => {
    const allow = [`${pg.getHost()}:${pg.getMappedPort(5432)}`]
    const bolt = `${graph.getHost()}:${graph.getMappedPort(BOLT_PORT)}`
    // neo4j-driver rewraps connection errors as ServiceUnavailable without a `cause`, so catch
    // inside the scope to keep the report, and read the refusal from both.
    const { value: error, report } = await withEgressGuard(
      { mode: 'block', allowLoopback: false, allow },
      () =>
        shopPipeline(pg, graph, { maxTransactionRetryTimeMs: 0 }).then(
          () => undefined,
          (e: unknown) => e,
        ),
    )
    expect(String(error)).toContain(`egress-guard blocked tcp connection to ${bolt}`)
    const blocked = report.violations.map((a) => [a.verdict, a.port])
    expect(blocked.length).toBeGreaterThan(0)
    expect(
      blocked.every(([verdict, port]) => verdict === 'blocked' && port === graph.getMappedPort(BOLT_PORT)),
    ).toBe(true)
  })
})
