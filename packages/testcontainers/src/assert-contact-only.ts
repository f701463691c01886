/**
 * `assertContactOnly(report, [pg, neo4j])`: the report contacted the declared stores and nothing
 * else. Throws a ContactAssertionError listing unexpected destinations and missing stores.
 */
import { type ContactDiff, contactDiff, type ReportLike } from './contact-diff.js'
import { ContactAssertionError } from './errors.js'
import { formatContactDiff } from './format-diff.js'
import { type Declarable, type DeclareOptions, resolveDeclared } from './resolve-declared.js'

/** Resolves the declaration and compares; never throws for a mismatch (it returns it). */
export async function checkContacts(
  report: ReportLike,
  declared: readonly Declarable[],
  options: DeclareOptions = {},
): Promise<ContactDiff> {
  if (!report || !Array.isArray(report.attempts)) {
    throw new TypeError(
      'expected an egress report (an object with an `attempts` array), e.g. the `report` of withEgressGuard',
    )
  }
  const { stores, optional } = await resolveDeclared(declared, options)
  return contactDiff(report, stores, { optional: (s) => optional.has(s) })
}

export async function assertContactOnly(
  report: ReportLike,
  declared: readonly Declarable[],
  options: DeclareOptions = {},
): Promise<ContactDiff> {
  const diff = await checkContacts(report, declared, options)
  if (diff.unexpected.length > 0 || diff.missing.length > 0) {
    throw new ContactAssertionError(
      `egress report does not match the declared stores\n${formatContactDiff(diff)}`,
      diff.unexpected,
      diff.missing,
    )
  }
  return diff
}
