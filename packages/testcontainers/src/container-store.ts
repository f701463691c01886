/**
 * A started container as a declared store: its host and every port it publishes, read from Docker
 * itself. A container that was never started, or is stopped or removed, is an error naming it: a
 * store that cannot be contacted must not make an assertion pass.
 */
import type { ContainerRuntimeClient, StartedTestContainer } from 'testcontainers'
import type { DeclaredStore } from './declared-store.js'
import { ContainerStateError } from './errors.js'

type Described = { getName?: () => string; getId?: () => string; imageName?: unknown }

/** `name (image)` or the best the object offers, for error messages. */
export function describeContainer(container: unknown): string {
  const c = (container ?? {}) as Described
  const image = (c.imageName as { string?: string } | undefined)?.string ?? c.imageName
  const name = typeof c.getName === 'function' ? c.getName().replace(/^\//, '') : undefined
  const id = typeof c.getId === 'function' ? c.getId().slice(0, 12) : undefined
  const parts = [name ?? id, image ? `image ${String(image)}` : undefined].filter(Boolean)
  return parts.length > 0
    ? `container ${parts.join(', ')}`
    : `object ${Object.prototype.toString.call(container)}`
}

export function isStartedContainer(value: unknown): value is StartedTestContainer {
  const c = value as Partial<StartedTestContainer> | null
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.getId === 'function' &&
    typeof c.getHost === 'function' &&
    typeof c.getMappedPort === 'function'
  )
}

/** Throws for what is not a started container, before any Docker call. */
export function assertStartedShape(value: unknown): asserts value is StartedTestContainer {
  if (isStartedContainer(value)) return
  const label = describeContainer(value)
  const v = value as { start?: unknown; getId?: unknown } | null
  if (v && typeof v.start === 'function') {
    throw new ContainerStateError(
      label,
      'never-started',
      `${label} was never started: declare the StartedTestContainer that \`await container.start()\` returns`,
    )
  }
  if (v && typeof v.getId === 'function') {
    throw new ContainerStateError(
      label,
      'stopped',
      `${label} is stopped: a stopped container cannot be a declared store`,
    )
  }
  throw new TypeError(`${label} is not a testcontainers container`)
}

export async function containerStore(
  container: unknown,
  client: ContainerRuntimeClient,
): Promise<DeclaredStore> {
  assertStartedShape(container)
  const label = describeContainer(container)
  let info: Awaited<ReturnType<ContainerRuntimeClient['container']['inspect']>>
  try {
    info = await client.container.inspect(client.container.getById(container.getId()))
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) {
      throw new ContainerStateError(label, 'removed', `${label} no longer exists (stopped and removed)`, {
        cause: e,
      })
    }
    throw e
  }
  if (!info.State.Running) {
    throw new ContainerStateError(
      label,
      'stopped',
      `${label} is not running (state ${info.State.Status}): a stopped container cannot be a declared store`,
    )
  }
  const host = container.getHost()
  const ports = new Set<number>()
  for (const bindings of Object.values(info.NetworkSettings.Ports ?? {})) {
    for (const b of bindings ?? []) if (b.HostPort) ports.add(Number(b.HostPort))
  }
  if (ports.size === 0) {
    throw new ContainerStateError(
      label,
      'no-published-ports',
      `${label} publishes no ports: nothing can contact it`,
    )
  }
  const name = `${container.getName().replace(/^\//, '')} (image ${info.Config.Image})`
  return {
    name,
    kind: 'container',
    endpoints: [...ports].sort((a, b) => a - b).map((port) => ({ host, port })),
  }
}
