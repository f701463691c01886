// Small process helpers shared by the repository's check scripts (pack-smoke, check-packages,
// node-matrix). Commands never go through a shell: arguments are passed as they are.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Runs a command with inherited stdio; throws a clear error if it cannot start or fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options })
  if (result.error) throw new Error(`cannot start ${command}: ${result.error.message}`)
  if (result.status !== 0) {
    const how = result.signal ? `signal ${result.signal}` : `exit code ${result.status}`
    throw new Error(`${[command, ...args].join(' ')} failed with ${how}`)
  }
  return result
}

/** Runs a command and returns its status and captured output; never throws on failure. */
export function capture(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options })
  return {
    status: result.error ? null : result.status,
    signal: result.signal,
    error: result.error,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
  }
}

/** The publishable workspaces (not `private`), from the root package.json, in declared order. */
export function publishablePackages() {
  const root = readJson(join(repoRoot, 'package.json'))
  return root.workspaces
    .map((dir) => ({
      dir: join(repoRoot, dir),
      relDir: dir,
      manifest: readJson(join(repoRoot, dir, 'package.json')),
    }))
    .filter((pkg) => pkg.manifest.private !== true)
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'))
}

/** npm from PATH (under `npm run`, its `node` is the repository's pinned Node from node_modules/.bin). */
export function npm(args, options) {
  return run('npm', args, options)
}

export function npmCapture(args, options) {
  return capture('npm', args, options)
}
