import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { failedTests, hasVitest4, runFixture } from './run-fixture.js'

const expectedFailures = [
  'a sibling describe > does not inherit the other describe allowance',
  'blocked connection fails the test',
  'egressReport() shows the blocked attempts of this test only',
  'swallowed violation still fails',
  'the next test is not widened',
].sort()

const preload = fileURLToPath(new URL('../../core/dist/register.js', import.meta.url))

const runs: [string, string[], 4 | 5][] = [
  ['forks', ['--pool=forks'], 5],
  ['threads', ['--pool=threads'], 5],
  ['vmThreads', ['--pool=vmThreads'], 5],
  ['forks, isolate: false, one worker', ['--pool=forks', '--no-isolate', '--maxWorkers=1'], 5],
  ['threads, isolate: false, one worker', ['--pool=threads', '--no-isolate', '--maxWorkers=1'], 5],
]

describe('the gate in every pool (fixture: block-loopback)', () => {
  it.each(runs)('gates every test the same way with %s', async (_name, args, vitest) => {
    const run = await runFixture('block-loopback', { args, vitest })
    expect(run.code, run.output).toBe(1)
    expect(failedTests(run.report).sort()).toEqual(expectedFailures)
    expect(run.report?.gatedTests).toBe(12)
    expect(run.report?.tests.flatMap((t) => t.attempts)).toHaveLength(12)
  })

  it.runIf(hasVitest4).each([
    ['forks', ['--pool=forks']],
    ['threads, isolate: false', ['--pool=threads', '--no-isolate', '--maxWorkers=1']],
    ['vmThreads', ['--pool=vmThreads']],
  ])('gates every test the same way under Vitest 4 with %s', async (_name, args) => {
    const run = await runFixture('block-loopback', { args: args as string[], vitest: 4 })
    expect(run.output).toContain('v4.1.')
    expect(run.code, run.output).toBe(1)
    expect(failedTests(run.report).sort()).toEqual(expectedFailures)
    expect(run.report?.gatedTests).toBe(12)
  })

  it.runIf(existsSync(preload))(
    'gates every test the same way with vmThreads in a worker already guarded by the register preload',
    async () => {
      // Each vmThreads file has its own globalThis; the guard's state lives on the shared `process`,
      // so the file's gate and the preload's guard share one set of patches.
      const run = await runFixture('block-loopback', {
        args: ['--pool=vmThreads'],
        env: { NODE_OPTIONS: `--require ${preload}` },
      })
      expect(run.code, run.output).toBe(1)
      expect(failedTests(run.report).sort()).toEqual(expectedFailures)
      expect(run.report?.gatedTests).toBe(12)
    },
  )
})
