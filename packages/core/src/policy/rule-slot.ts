/**
 * The rules stored under one key (a name, a suffix, an address, each with or without a port):
 * one plain rule that admits any path, and URL rules that admit only paths under a prefix.
 */

export interface RuleSlot {
  plain?: string
  prefixed?: { prefix: string; rule: string }[]
}

/** What a lookup found: an admitting rule, a URL rule whose prefix the request path is outside of, or nothing. */
export type RuleMatch = { rule: string } | { outsidePrefix: string } | undefined

export function addToSlot(slot: RuleSlot, rule: string, pathPrefix: string | undefined): void {
  if (pathPrefix === undefined) {
    slot.plain ??= rule
    return
  }
  slot.prefixed ??= []
  slot.prefixed.push({ prefix: pathPrefix, rule })
}

/**
 * Without a request path (socket level), a URL rule admits its host and port; with one, the path must
 * lie under the rule's prefix (a prefix ending in `/` is a plain prefix; `/v1` admits `/v1` and `/v1/…`).
 */
export function matchSlot(slot: RuleSlot | undefined, requestPath: string | undefined): RuleMatch {
  if (slot === undefined) return undefined
  if (slot.plain !== undefined) return { rule: slot.plain }
  const prefixed = slot.prefixed
  if (prefixed === undefined || prefixed.length === 0) return undefined
  if (requestPath === undefined) return { rule: (prefixed[0] as { rule: string }).rule }
  for (const entry of prefixed) if (isPathUnder(requestPath, entry.prefix)) return { rule: entry.rule }
  return { outsidePrefix: (prefixed[0] as { rule: string }).rule }
}

export function isPathUnder(path: string, prefix: string): boolean {
  if (prefix.endsWith('/')) return path.startsWith(prefix)
  return path === prefix || path.startsWith(`${prefix}/`)
}

/** The better of two matches: an admitting rule beats a prefix miss, which beats nothing. */
export function betterMatch(a: RuleMatch, b: RuleMatch): RuleMatch {
  if (a !== undefined && 'rule' in a) return a
  if (b !== undefined && 'rule' in b) return b
  return a ?? b
}
