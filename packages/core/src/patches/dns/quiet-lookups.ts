/**
 * Lookups the guard makes on a caller's behalf (a dgram socket resolving its destination through its
 * own lookup, which is the patched `dns.lookup` for sockets made while guarded) are part of the
 * attempt being judged, not separate `dns` attempts. Synchronous on purpose: the lookup wrapper
 * decides when it is called, inside `quietLookups`.
 */
let quietDepth = 0

export function quietLookups(run: () => void): void {
  quietDepth++
  try {
    run()
  } finally {
    quietDepth--
  }
}

/** True while the guard itself is calling a lookup. */
export function isLookupQuiet(): boolean {
  return quietDepth > 0
}
