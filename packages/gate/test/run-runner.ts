/**
 * What every runner package's fixture tests share: an environment without the outer run's Vitest
 * and guard settings, a child process whose output is collected, and a check that the packages the
 * fixtures load are built from the current sources.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import net from 'node:net'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..')

/**
 * `process.env` minus what must not leak into the fixture's run (the outer Vitest's and guard's own
 * variables, and `extra`), with the guard's mode and rules explicitly empty, then `overrides`.
 */
export function fixtureEnv(extra: RegExp, overrides: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(VITEST|EGRESS_GUARD_(?!HERMETIC)|NODE_OPTIONS$|GITHUB_ACTIONS$)/.test(key))
      continue
    if (extra.test(key)) continue
    env[key] = value
  }
  return { ...env, EGRESS_GUARD_MODE: '', EGRESS_GUARD_ALLOW: '', NO_COLOR: '1', ...overrides }
}

export interface Collected {
  code: number | null
  stdout: string
  stderr: string
}

export function spawnCollect(command: string, args: string[], env: Record<string, string>, cwd: string) {
  return new Promise<Collected>((resolvePromise, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }))
  })
}

/** Refuse to run fixtures against a missing or stale build of `packages/<name>` for each name. */
export function assertBuilt(packages: readonly string[]): void {
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) return newest(path)
        return entry.name.endsWith('.test.ts') ? 0 : statSync(path).mtimeMs
      }),
    )
  for (const name of packages) {
    const dir = join(repoRoot, 'packages', name)
    const dist = join(dir, 'dist')
    if (!existsSync(dist) || newest(join(dir, 'src')) > newest(dist)) {
      throw new Error(
        `packages/${name}/dist is missing or older than src: run \`npm run build ${packages.map((p) => `-w packages/${p}`).join(' ')}\``,
      )
    }
  }
}

/** A loopback port that was free a moment ago, for fixtures whose destination must not change between runs. */
export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolvePromise) => server.close(resolvePromise))
  return port
}
