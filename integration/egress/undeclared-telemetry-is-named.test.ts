import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { assertContactOnly, ContactAssertionError } from '@egress-guard/testcontainers'
import type { StartedPostgreSqlContainer } from '@testcontainers/postgresql'
import { withEgressGuard } from 'egress-guard'
import type { StartedTestContainer } from 'testcontainers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import '../support/matchers.js'
import { graphImage } from '../support/images.js'
import { shopPipeline, startSeededStores } from '../support/shop.js'

describe(`an undeclared telemetry call (graph store: ${graphImage().kind})`, () => {
  let pg: StartedPostgreSqlContainer
  let graph: StartedTestContainer
  let collector: http.Server
  const received: string[] = []

  beforeAll(async () => {
    ;[pg, graph] = await startSeededStores()
    // A telemetry collector nobody declared: a loopback port that is not a store.
    collector = http.createServer((req, res) => {
      let body = ''
      req.on('data', (d) => {
        body += d
      })
      req.on('end', () => {
        received.push(body)
        res.end('ok')
      })
    })
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve))
  })
  afterAll(async () => {
    collector?.closeAllConnections()
    await Promise.all([pg?.stop(), graph?.stop(), new Promise((r) => collector?.close(r))])
  })

  it('makes the contact assertion fail, naming the telemetry destination and nothing else', async () => {
    const port = (collector.address() as AddressInfo).port
    const telemetry = `127.0.0.1:${port}`
    const { report } = await withEgressGuard({ mode: 'record' }, () =>
      shopPipeline(pg, graph, { telemetryUrl: `http://${telemetry}/v1/events` }),
    )
    // Record mode let the call through: the collector really got the summary.
    expect(received.map((b) => JSON.parse(b).event)).toEqual(['pipeline.loaded'])

    const error = await assertContactOnly(report, [pg, graph]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContactAssertionError)
    const failure = error as ContactAssertionError
    console.info(`[integration] the assertion failed as it should:\n${failure.message}`)
    expect(failure.code).toBe('ERR_EGRESS_UNDECLARED_CONTACT')
    expect(failure.unexpected.map((u) => u.destination)).toEqual([telemetry])
    expect(failure.missing).toEqual([])
    expect(failure.message).toContain(`+ ${telemetry}`)

    // The matcher fails the same way.
    await expect(expect(report).toContactOnly([pg, graph])).rejects.toThrow(`+ ${telemetry}`)
    // Declaring the collector too makes the same report pass.
    await expect(report).toContactOnly([pg, graph, telemetry])
  })
})
