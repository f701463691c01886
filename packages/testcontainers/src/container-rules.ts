/**
 * Allow rules for the guard from started containers: `host:mappedPort` for every published port of
 * each container, plus the Docker endpoint (`unix:/var/run/docker.sock`, or `host:port` for a TCP
 * DOCKER_HOST). Feed them to `egressGuard({ allow })` / `withEgressGuard({ allow }, fn)`.
 */

import { endpointKey } from './declared-store.js'
import { type Declarable, type DeclareOptions, resolveDeclared } from './resolve-declared.js'

export async function containerRules(...containers: Declarable[]): Promise<string[]> {
  return rulesFor(containers)
}

/** `containerRules` with options (another client, or leaving the Docker endpoint out). */
export async function rulesFor(
  declared: readonly Declarable[],
  options: DeclareOptions = {},
): Promise<string[]> {
  const { stores } = await resolveDeclared(declared, options)
  const rules = stores.flatMap((s) => s.endpoints.map(endpointKey))
  return [...new Set(rules)]
}
