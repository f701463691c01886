/**
 * Paths in report files are relative to the repository root, so a report from one machine (or one
 * CI shard) reads the same on another, and code hosts can place them. The root is
 * `EGRESS_GUARD_ROOT` when set, else the nearest folder above the working directory that holds a
 * `.git` (a folder, or a file in a worktree), else the working directory.
 */
import { existsSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

export function repositoryRoot(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.EGRESS_GUARD_ROOT?.trim()
  if (configured) return resolve(cwd, configured)
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir
    if (dirname(dir) === dir) return resolve(cwd)
  }
}

const LOCATION = /^(.*?)(:\d+:\d+)?$/

/**
 * `file:line:column` (or a bare path) with the file made relative to `root`, in `/` form, when it is
 * inside the root; a location outside it, or already relative, is returned as it is.
 */
export function rootRelativeLocation(location: string, root: string): string {
  const [, path = location, position = ''] = LOCATION.exec(location) ?? []
  const file = path.startsWith('file://') ? fileURLToPath(path) : path
  if (!isAbsolute(file)) return location
  const inside = relative(root, file)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return location
  return `${inside.split(sep).join('/')}${position}`
}
