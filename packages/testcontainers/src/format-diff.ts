/** The failure message of the contact assertion: unexpected destinations first, then missing stores. */
import type { ContactDiff } from './contact-diff.js'
import { endpointKey } from './declared-store.js'

export function formatContactDiff(diff: ContactDiff): string {
  const lines: string[] = []
  if (diff.unexpected.length > 0) {
    lines.push(`unexpected destinations (contacted, not declared): ${diff.unexpected.length}`)
    for (const u of diff.unexpected) {
      const via = u.addresses.length > 0 ? ` via ${u.addresses.join(', ')}` : ''
      const at = u.stack ? ` from ${u.stack}` : ''
      lines.push(
        `  + ${u.destination}${via} (${u.protocols.join('/')}, ${u.count} attempt${u.count === 1 ? '' : 's'})${at}`,
      )
    }
  }
  if (diff.missing.length > 0) {
    lines.push(`missing stores (declared, never contacted): ${diff.missing.length}`)
    for (const s of diff.missing) lines.push(`  - ${s.name} at ${s.endpoints.map(endpointKey).join(', ')}`)
  }
  if (lines.length === 0) lines.push('contacted exactly the declared stores')
  if (diff.contacted.length > 0) {
    lines.push('declared and contacted:')
    for (const { store, count } of diff.contacted)
      lines.push(`  = ${store.name} (${count} attempt${count === 1 ? '' : 's'})`)
  }
  return lines.join('\n')
}
