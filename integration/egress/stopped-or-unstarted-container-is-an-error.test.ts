import { assertContactOnly, ContainerStateError, containerRules } from '@egress-guard/testcontainers'
import { EgressReport } from 'egress-guard'
import { GenericContainer } from 'testcontainers'
import { describe, expect, it } from 'vitest'
import { graphImage } from '../support/images.js'
import { startGraphStore } from '../support/stores.js'

// An empty report would "pass" against a store nobody could contact: these must be errors instead.
describe('declaring a container that cannot be contacted', () => {
  const report = new EgressReport()

  it('refuses a container that was never started, naming its image', async () => {
    const never = new GenericContainer(graphImage().image)
    const error = await assertContactOnly(report, [never]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContainerStateError)
    expect(error).toMatchObject({ code: 'ERR_CONTAINER_NOT_RUNNING', state: 'never-started' })
    expect(String(error)).toContain(graphImage().image)
  })

  it('refuses a started container after it was stopped and removed, and the object stop() returned', async () => {
    const graph = await startGraphStore()
    const name = graph.getName().replace(/^\//, '')
    const stopped = await graph.stop()
    for (const declared of [graph, stopped]) {
      const error = await containerRules(declared).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ContainerStateError)
      expect(String(error)).toMatch(/stopped/)
    }
    await expect(assertContactOnly(report, [graph])).rejects.toThrow(`container ${name}`)
  })

  it('refuses a stopped container that Docker still keeps, with its state', async () => {
    const graph = await startGraphStore()
    await graph.stop({ remove: false })
    try {
      const error = await assertContactOnly(report, [graph]).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'ERR_CONTAINER_NOT_RUNNING', state: 'stopped' })
      expect(String(error)).toMatch(/is not running \(state exited\)/)
    } finally {
      const { getContainerRuntimeClient } = await import('testcontainers')
      const client = await getContainerRuntimeClient()
      await client.container.remove(client.container.getById(graph.getId()), { removeVolumes: true })
    }
  })
})
