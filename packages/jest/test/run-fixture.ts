/**
 * Runs the real Jest (29 or 30) on a fixture project in a child process, with the gate in
 * `setupFilesAfterEnv` and the egress reporter beside the default one (the fixture's
 * jest.config.json), Jest's JSON results written to a file: the outcome is read from the exit code,
 * the output, those results and the egress JSON report.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EgressRunReport } from '@egress-guard/gate'
import { assertBuilt, fixtureEnv, repoRoot, spawnCollect } from '../../gate/test/run-runner.js'

/** The oldest and newest supported Jest majors, both installed as devDependencies. */
export const jestBins = {
  29: join(repoRoot, 'node_modules/jest29/bin/jest.js'),
  30: join(repoRoot, 'node_modules/jest/bin/jest.js'),
} as const

export const nodeBins = {
  22: join(repoRoot, 'node_modules/node22/bin/node'),
  24: join(repoRoot, 'node_modules/node/bin/node'),
} as const

export interface FixtureRun {
  code: number | null
  output: string
  /** Jest's status per full name (describe titles and test title, joined by spaces). */
  outcomes: Map<string, string>
  report: EgressRunReport | undefined
}

export interface FixtureOptions {
  jest?: keyof typeof jestBins
  node?: keyof typeof nodeBins
  args?: string[]
  env?: Record<string, string>
}

export async function runFixture(name: string, options: FixtureOptions = {}): Promise<FixtureRun> {
  assertBuilt(['gate', 'jest'])
  const dir = mkdtempSync(join(tmpdir(), 'egress-jest-fixture-'))
  const reportFile = join(dir, 'egress-report.json')
  const resultsFile = join(dir, 'jest.json')
  const args = [
    jestBins[options.jest ?? 30],
    '--ci',
    '--no-cache',
    '--json',
    `--outputFile=${resultsFile}`,
    ...(options.args ?? []),
  ]
  try {
    const env = fixtureEnv(/^JEST/, { EGRESS_GUARD_REPORT: reportFile, ...options.env })
    const cwd = join(repoRoot, 'packages/jest/test/fixtures', name)
    const { code, stdout, stderr } = await spawnCollect(nodeBins[options.node ?? 24], args, env, cwd)
    const report = existsSync(reportFile)
      ? (JSON.parse(readFileSync(reportFile, 'utf8')) as EgressRunReport)
      : undefined
    const outcomes = new Map<string, string>()
    if (existsSync(resultsFile)) {
      const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
        testResults: { assertionResults: { fullName: string; status: string }[] }[]
      }
      for (const file of results.testResults) {
        for (const test of file.assertionResults) outcomes.set(test.fullName, test.status)
      }
    }
    return { code, output: `${stdout}${stderr}`, outcomes, report }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
