/**
 * The folder every path the reporter prints or writes is relative to: the `root` option, else
 * `EGRESS_GUARD_ROOT`, else the nearest folder above Vitest's root holding `.git`, else Vitest's
 * root. The same rule as egress-guard's report files, so the annotations, the summary and the
 * report name one file the same way.
 */
import { existsSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'

export function reporterRoot(start: string, configured: string | undefined): string {
  const chosen = configured?.trim() || process.env.EGRESS_GUARD_ROOT?.trim()
  if (chosen) return resolve(start, chosen)
  let dir = resolve(start)
  while (!existsSync(join(dir, '.git'))) {
    const parent = dirname(dir)
    if (parent === dir) return resolve(start)
    dir = parent
  }
  return dir
}

/** A path (or `path:line:column`) relative to `root` in `/` form when inside it, else unchanged. */
export function relativeTo(root: string): (location: string) => string {
  return (location) => {
    const [, path = location, position = ''] = /^(.*?)(:\d+:\d+)?$/.exec(location) ?? []
    if (!isAbsolute(path)) return location
    const inside = relative(root, path)
    if (!inside || inside.startsWith('..') || isAbsolute(inside)) return location
    return inside.split(sep).join('/') + position
  }
}
