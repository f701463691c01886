// The Debian mirror this machine's apt uses (deb822 sources or a classic sources.list).
import fs from 'node:fs'

export function debianMirror() {
  const deb822 = '/etc/apt/sources.list.d/debian.sources'
  if (fs.existsSync(deb822)) {
    for (const stanza of fs.readFileSync(deb822, 'utf8').split(/\n\s*\n/)) {
      const uris = /^URIs:\s*(\S+)/m.exec(stanza)?.[1]
      const suites = /^Suites:\s*(.+)$/m.exec(stanza)?.[1] ?? ''
      if (uris && /\bbookworm\b/.test(suites)) return uris
    }
  }
  const list = '/etc/apt/sources.list'
  if (fs.existsSync(list)) {
    const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s/m.exec(fs.readFileSync(list, 'utf8'))
    if (m) return m[1]
  }
  throw new Error(`no Debian bookworm mirror found in ${deb822} or ${list}`)
}
