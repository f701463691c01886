/**
 * Runs the real `node --test` on a fixture project in a child process, with the gate preloaded
 * (`--import @egress-guard/node-test`), TAP on stdout for the per-test outcomes and the egress
 * reporter on stderr: the outcome is read from the exit code, the output and the JSON report.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EgressRunReport } from '@egress-guard/gate'
import { assertBuilt, fixtureEnv, repoRoot, spawnCollect } from '../../gate/test/run-runner.js'

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

export async function runFixture(
  name: string,
  options: { node?: keyof typeof nodeBins; env?: Record<string, string> } = {},
): Promise<FixtureRun> {
  assertBuilt(['gate', 'node-test'])
  const dir = mkdtempSync(join(tmpdir(), 'egress-node-test-fixture-'))
  const reportFile = join(dir, 'egress-report.json')
  const args = [
    '--test',
    '--import',
    '@egress-guard/node-test',
    '--test-reporter=tap',
    '--test-reporter-destination=stdout',
    '--test-reporter=@egress-guard/node-test/reporter',
    '--test-reporter-destination=stderr',
  ]
  try {
    const env = fixtureEnv(/^NODE_TEST/, { EGRESS_GUARD_REPORT: reportFile, ...options.env })
    const cwd = join(repoRoot, 'packages/node-test/test/fixtures', name)
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
