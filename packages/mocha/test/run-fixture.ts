/**
 * Runs the real `mocha` (10 or 11) on a fixture project in a child process, with the gate loaded
 * by `--require @egress-guard/mocha`, Mocha's JSON reporter writing the per-test outcomes to a file:
 * the outcome is read from the exit code, the output, that file and the egress JSON report.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EgressRunReport } from '@egress-guard/gate'
import { assertBuilt, fixtureEnv, repoRoot, spawnCollect } from '../../gate/test/run-runner.js'

/** The oldest and newest supported Mocha majors, both installed as devDependencies. */
export const mochaBins = {
  10: join(repoRoot, 'node_modules/mocha10/bin/mocha.js'),
  11: join(repoRoot, 'node_modules/mocha/bin/mocha.js'),
} as const

export interface FixtureRun {
  code: number | null
  output: string
  /** `passed`/`failed` per full title (` > `-joined), from Mocha's JSON reporter. */
  outcomes: Map<string, 'passed' | 'failed'>
  /** The failure messages of Mocha's JSON results, one after the other. */
  failureText: string
  /** Titles of failures Mocha reported for hooks (`"after each" hook …`). */
  hookFailures: string[]
  report: EgressRunReport | undefined
}

export interface FixtureOptions {
  mocha?: keyof typeof mochaBins
  args?: string[]
  env?: Record<string, string>
}

interface MochaJsonTest {
  title: string
  fullTitle: string
  err: { message?: string }
}

export async function runFixture(name: string, options: FixtureOptions = {}): Promise<FixtureRun> {
  assertBuilt(['gate', 'mocha'])
  const dir = mkdtempSync(join(tmpdir(), 'egress-mocha-fixture-'))
  const reportFile = join(dir, 'egress-report.json')
  const resultsFile = join(dir, 'mocha.json')
  const env = fixtureEnv(/^MOCHA/, { EGRESS_GUARD_REPORT: reportFile, ...options.env })
  const args = [
    mochaBins[options.mocha ?? 11],
    '--require',
    '@egress-guard/mocha',
    '--reporter',
    'json',
    '--reporter-option',
    `output=${resultsFile}`,
    ...(options.args ?? []),
    '*.spec.mjs',
  ]
  try {
    const cwd = join(repoRoot, 'packages/mocha/test/fixtures', name)
    const { code, stdout, stderr } = await spawnCollect(process.execPath, args, env, cwd)
    const output = `${stdout}${stderr}`
    const report = existsSync(reportFile)
      ? (JSON.parse(readFileSync(reportFile, 'utf8')) as EgressRunReport)
      : undefined
    const outcomes = new Map<string, 'passed' | 'failed'>()
    const hookFailures: string[] = []
    let failureText = ''
    if (existsSync(resultsFile)) {
      const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
        passes: MochaJsonTest[]
        failures: MochaJsonTest[]
      }
      for (const test of results.passes) outcomes.set(test.fullTitle, 'passed')
      failureText = results.failures.map((test) => test.err.message ?? '').join('\n')
      for (const test of results.failures) {
        if (/^"(before|after) (each|all)" hook/.test(test.title)) hookFailures.push(test.fullTitle)
        else outcomes.set(test.fullTitle, 'failed')
      }
    }
    return { code, output, outcomes, failureText, hookFailures, report }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
