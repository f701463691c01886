/**
 * Runs the real `node --test` on a fixture project in a child process, with the gate preloaded
 * (`--import @egress-guard/node-test`), TAP on stdout for the per-test outcomes and the egress
 * reporter on stderr: the outcome is read from the exit code, the output and the JSON report.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EgressRunReport } from '@egress-guard/gate'

const packageDir = resolve(fileURLToPath(import.meta.url), '../..')
const repoRoot = resolve(packageDir, '../..')

/** The Node majors node:test is gated on: the repository's own 22, 24 and 26. */
export const nodeBins = {
  22: join(repoRoot, 'node_modules/node22/bin/node'),
  24: join(repoRoot, 'node_modules/node/bin/node'),
  26: join(repoRoot, 'node_modules/node26/bin/node'),
} as const

export interface FixtureRun {
  code: number | null
  /** TAP from stdout, then the egress reporter's and the processes' stderr. */
  output: string
  /** `ok`/`not ok` per test name, from the TAP stream. */
  outcomes: Map<string, 'ok' | 'not ok'>
  report: EgressRunReport | undefined
}

export interface FixtureOptions {
  node?: keyof typeof nodeBins
  env?: Record<string, string>
  files?: string[]
}

export async function runFixture(name: string, options: FixtureOptions = {}): Promise<FixtureRun> {
  assertBuilt()
  const dir = mkdtempSync(join(tmpdir(), 'egress-node-test-fixture-'))
  const reportFile = join(dir, 'egress-report.json')
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    // The outer run's own Vitest and guard settings must not leak into the fixture's run.
    if (
      value === undefined ||
      /^(VITEST|EGRESS_GUARD_(?!HERMETIC)|NODE_OPTIONS$|GITHUB_ACTIONS$|NODE_TEST)/.test(key)
    )
      continue
    env[key] = value
  }
  Object.assign(env, { EGRESS_GUARD_MODE: '', EGRESS_GUARD_ALLOW: '', NO_COLOR: '1' })
  Object.assign(env, { EGRESS_GUARD_REPORT: reportFile }, options.env)
  const args = [
    '--test',
    '--import',
    '@egress-guard/node-test',
    '--test-reporter=tap',
    '--test-reporter-destination=stdout',
    '--test-reporter=@egress-guard/node-test/reporter',
    '--test-reporter-destination=stderr',
    ...(options.files ?? []),
  ]
  try {
    const cwd = join(packageDir, 'test/fixtures', name)
    const { code, stdout, stderr } = await spawnCollect(nodeBins[options.node ?? 24], args, env, cwd)
    const report = existsSync(reportFile)
      ? (JSON.parse(readFileSync(reportFile, 'utf8')) as EgressRunReport)
      : undefined
    return { code, output: `${stdout}${stderr}`, outcomes: tapOutcomes(stdout), report }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `ok 3 - name` / `not ok 3 - name` lines, at any depth, by name. */
export function tapOutcomes(tap: string): Map<string, 'ok' | 'not ok'> {
  const outcomes = new Map<string, 'ok' | 'not ok'>()
  for (const match of tap.matchAll(/^\s*(ok|not ok) \d+ - (.*?)(?: # .*)?$/gm)) {
    outcomes.set(match[2] as string, match[1] as 'ok' | 'not ok')
  }
  return outcomes
}

function spawnCollect(command: string, args: string[], env: Record<string, string>, cwd: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolvePromise, reject) => {
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

/** The fixtures load the built packages: refuse to run against a missing or stale build. */
function assertBuilt(): void {
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) return newest(path)
        return entry.name.endsWith('.test.ts') ? 0 : statSync(path).mtimeMs
      }),
    )
  for (const pkg of ['gate', 'node-test']) {
    const dir = join(repoRoot, 'packages', pkg)
    const built = join(dir, 'dist/index.js')
    if (!existsSync(built) || newest(join(dir, 'src')) > statSync(built).mtimeMs) {
      throw new Error(
        `packages/${pkg}/dist is missing or older than src: run \`npm run build -w packages/gate -w packages/node-test\``,
      )
    }
  }
}
