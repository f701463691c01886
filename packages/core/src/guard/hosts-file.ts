/**
 * The local hosts file, the only answer the guard gives for a name no rule covers under
 * `dns: 'judge'` (ADR 0021): no DNS query leaves for such a name, yet `/etc/hosts` names that point
 * at loopback (or at a test's fake remote) keep working.
 *
 * Read once, then again only when its modification time changes (checked at most once a second, so
 * a connection costs no `stat`). Names are matched case-insensitively, without a trailing dot.
 */
import { readFileSync, statSync } from 'node:fs'
import { isIP } from 'node:net'

export interface HostsAnswer {
  readonly address: string
  readonly family: 4 | 6
}

const RECHECK_MS = 1000

let table: Map<string, HostsAnswer[]> = new Map()
let loadedMtime = Number.NaN
let checkedAt = Number.NEGATIVE_INFINITY

/** Where the system resolver reads its hosts file; `EGRESS_GUARD_HOSTS_FILE` overrides it (tests). */
export function hostsFilePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.EGRESS_GUARD_HOSTS_FILE) return env.EGRESS_GUARD_HOSTS_FILE
  if (process.platform === 'win32') {
    return `${env.SystemRoot ?? 'C:\\Windows'}\\System32\\drivers\\etc\\hosts`
  }
  return '/etc/hosts'
}

/** The hosts file's addresses for `name` (in file order), or undefined when it has none. */
export function hostsFileAnswers(name: string): readonly HostsAnswer[] | undefined {
  refresh()
  return table.get(normalise(name))
}

function normalise(name: string): string {
  const lower = name.toLowerCase()
  return lower.endsWith('.') ? lower.slice(0, -1) : lower
}

function refresh(): void {
  const now = Date.now()
  if (now - checkedAt < RECHECK_MS) return
  checkedAt = now
  const path = hostsFilePath()
  let mtime: number
  try {
    mtime = statSync(path).mtimeMs
  } catch {
    table = new Map()
    loadedMtime = Number.NaN
    return
  }
  if (mtime === loadedMtime) return
  loadedMtime = mtime
  try {
    table = parseHostsFile(readFileSync(path, 'utf8'))
  } catch {
    table = new Map()
  }
}

/** `address name [alias…]` lines; `#` starts a comment; lines whose first field is not an IP are skipped. */
export function parseHostsFile(text: string): Map<string, HostsAnswer[]> {
  const parsed = new Map<string, HostsAnswer[]>()
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#')
    const fields = (hash === -1 ? raw : raw.slice(0, hash)).trim().split(/\s+/)
    const [address, ...names] = fields
    if (!address || names.length === 0) continue
    const bare = address.replace(/%.*$/, '')
    const family = isIP(bare)
    if (family === 0) continue
    for (const name of names) {
      const key = normalise(name)
      const answers = parsed.get(key) ?? []
      if (!answers.some((a) => a.address === address)) answers.push({ address, family: family as 4 | 6 })
      parsed.set(key, answers)
    }
  }
  return parsed
}

/** Forget what was read (tests that rewrite the file inside one second). */
export function forgetHostsFile(): void {
  checkedAt = Number.NEGATIVE_INFINITY
  loadedMtime = Number.NaN
}
