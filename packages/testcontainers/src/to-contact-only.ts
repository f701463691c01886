/**
 * The Vitest (and Jest) matcher: `await expect(report).toContactOnly([pg, neo4j])`.
 * Register with `expect.extend(contactMatchers)`; type it with
 * `declare module 'vitest' { interface Matchers<R, T> extends ContactMatchers<T> {} }`.
 */
import { checkContacts } from './assert-contact-only.js'
import type { ReportLike } from './contact-diff.js'
import { formatContactDiff } from './format-diff.js'
import type { Declarable, DeclareOptions } from './resolve-declared.js'

export interface ContactMatchers<R = unknown> {
  /** The report contacted exactly the declared stores (the Docker endpoint per `options`). Async: await it. */
  toContactOnly(declared: readonly Declarable[], options?: DeclareOptions): Promise<R>
}

interface MatcherState {
  isNot?: boolean
}

export async function toContactOnly(
  this: MatcherState | undefined,
  received: unknown,
  declared: readonly Declarable[],
  options?: DeclareOptions,
): Promise<{ pass: boolean; message: () => string }> {
  const diff = await checkContacts(received as ReportLike, declared, options)
  const pass = diff.unexpected.length === 0 && diff.missing.length === 0
  const text = formatContactDiff(diff)
  return {
    pass,
    message: () =>
      pass
        ? `expected the report to contact something other than the declared stores, but:\n${text}`
        : `expected the report to contact only the declared stores\n${text}`,
  }
}

export const contactMatchers = { toContactOnly }
