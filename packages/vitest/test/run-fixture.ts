/**
 * Runs Vitest on a fixture project in a child process, as Vitest tests its own reporters: the
 * outcome is read from the exit code, the output and the JSON report, never from inside.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EgressRunReport } from '../src/reporter.js'

const packageDir = resolve(fileURLToPath(import.meta.url), '../..')
const repoRoot = resolve(packageDir, '../..')
const vitestBins = {
  5: join(repoRoot, 'node_modules/vitest/vitest.mjs'),
  4: join(packageDir, 'test/vitest4/node_modules/vitest/vitest.mjs'),
}

/** Vitest 4 is installed apart from the workspace (`npm run setup:vitest4 -w packages/vitest`). */
export const hasVitest4 = existsSync(vitestBins[4])

export interface FixtureRun {
  code: number | null
  /** stdout and stderr, colours off. */
  output: string
  /** The JSON report the reporter wrote, if it wrote one. */
  report: EgressRunReport | undefined
}

export interface FixtureOptions {
  args?: string[]
  env?: Record<string, string>
  vitest?: 4 | 5
}

export async function runFixture(name: string, options: FixtureOptions = {}): Promise<FixtureRun> {
  assertBuilt()
  const dir = mkdtempSync(join(tmpdir(), 'egress-vitest-fixture-'))
  const reportFile = join(dir, 'egress-report.json')
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    // The outer run's own Vitest and guard settings must not leak into the fixture's run.
    if (value === undefined || /^(VITEST|EGRESS_GUARD_(?!HERMETIC)|NODE_OPTIONS$|GITHUB_ACTIONS$)/.test(key))
      continue
    env[key] = value
  }
  // Explicitly empty, not absent: when this test runs under a guard, the guard passes its own mode
  // and rules to child processes, and those must not override the fixture's configuration.
  const blank = { EGRESS_GUARD_MODE: '', EGRESS_GUARD_ALLOW: '' }
  Object.assign(env, blank, { NO_COLOR: '1', FORCE_COLOR: '0', FIXTURE_REPORT: reportFile }, options.env)
  const bin = vitestBins[options.vitest ?? 5]
  const args = [bin, 'run', '--root', join(packageDir, 'test/fixtures', name), ...(options.args ?? [])]
  try {
    const { code, output } = await spawnCollect(process.execPath, args, env)
    const report = existsSync(reportFile)
      ? (JSON.parse(readFileSync(reportFile, 'utf8')) as EgressRunReport)
      : undefined
    return { code, output, report }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function spawnCollect(command: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolvePromise, reject) => {
    const child = spawn(command, args, { env, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, output }))
  })
}

/** The fixtures load the built package: refuse to run against a missing or stale build. */
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
  const built = join(packageDir, 'dist/setup.js')
  if (!existsSync(built) || newest(join(packageDir, 'src')) > statSync(built).mtimeMs) {
    throw new Error(
      'packages/vitest/dist is missing or older than src: run `npm run build -w packages/core -w packages/vitest`',
    )
  }
}

/** Test names in a report whose tests failed. */
export function failedTests(report: EgressRunReport | undefined): string[] {
  return (report?.tests ?? []).filter((t) => t.state === 'failed').map((t) => t.test)
}
