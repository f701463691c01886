/**
 * Turn what a test declares (started containers, `host:port` / `unix:` strings, ready-made stores)
 * into stores, plus the Docker endpoint according to `dockerEndpoint`.
 */
import type { ContainerRuntimeClient } from 'testcontainers'
import { assertStartedShape, containerStore } from './container-store.js'
import { type DeclaredStore, parseEndpoint } from './declared-store.js'
import { dockerEndpointStore } from './docker-endpoint.js'

/** A started container, a `host:port` / `[v6]:port` / `unix:/path` string, or a resolved store. */
export type Declarable = object | string

export interface DeclareOptions {
  /**
   * The Docker endpoint the containers are managed through: `allowed` (default: contact is fine,
   * absence too), `required` (must have been contacted), `forbidden` (any contact is unexpected).
   */
  dockerEndpoint?: 'allowed' | 'required' | 'forbidden'
  /** The testcontainers client to ask; default: `getContainerRuntimeClient()`. */
  client?: ContainerRuntimeClient
}

export interface ResolvedDeclaration {
  stores: DeclaredStore[]
  /** Stores whose absence from the report is not a failure. */
  optional: Set<DeclaredStore>
}

/** testcontainers is an optional peer: load it only when a container or the Docker endpoint is declared. */
async function defaultClient(): Promise<ContainerRuntimeClient> {
  const { getContainerRuntimeClient } = await import('testcontainers')
  return getContainerRuntimeClient()
}

function isStore(value: unknown): value is DeclaredStore {
  const v = value as Partial<DeclaredStore>
  return typeof v?.name === 'string' && typeof v.kind === 'string' && Array.isArray(v.endpoints)
}

export async function resolveDeclared(
  declared: readonly Declarable[],
  options: DeclareOptions = {},
): Promise<ResolvedDeclaration> {
  if (!Array.isArray(declared)) throw new TypeError('declare the stores as an array, e.g. [pg, neo4j]')
  const mode = options.dockerEndpoint ?? 'allowed'
  if (!['allowed', 'required', 'forbidden'].includes(mode)) {
    throw new TypeError(
      `dockerEndpoint must be "allowed", "required" or "forbidden", got ${JSON.stringify(mode)}`,
    )
  }
  // Fail on a never-started or stopped container before asking Docker anything.
  for (const d of declared) if (typeof d !== 'string' && !isStore(d)) assertStartedShape(d)
  const needsClient = mode !== 'forbidden' || declared.some((d) => typeof d !== 'string' && !isStore(d))
  const client = needsClient ? (options.client ?? (await defaultClient())) : undefined
  const stores: DeclaredStore[] = []
  for (const d of declared) {
    if (typeof d === 'string') stores.push({ name: d, kind: 'rule', endpoints: [parseEndpoint(d)] })
    else if (isStore(d)) stores.push(d)
    else stores.push(await containerStore(d, client as ContainerRuntimeClient))
  }
  const optional = new Set<DeclaredStore>()
  if (mode !== 'forbidden') {
    const docker = dockerEndpointStore(client as ContainerRuntimeClient)
    stores.push(docker)
    if (mode === 'allowed') optional.add(docker)
  }
  return { stores, optional }
}
