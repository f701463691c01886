import { describe, expect, it } from 'vitest'
import { itGatesEachTest } from '../../gate/test/gate-contract.js'
import { runFixture } from './run-fixture.js'

const runs = [
  { jest: 29, node: 22, args: [] as string[] },
  { jest: 30, node: 24, args: ['--maxWorkers=2'] },
  { jest: 30, node: 22, args: ['--runInBand'] },
] as const

describe.each(runs)(
  'jest $jest on Node $node $args with setupFilesAfterEnv @egress-guard/jest/setup (fixture: block-loopback, loopback counted as egress)',
  async ({ jest, node, args }) => {
    const run = await runFixture('block-loopback', {
      jest,
      node,
      args: [...args],
      env: { GITHUB_ACTIONS: 'true' },
    })
    const test = (name: string) => run.report?.tests.find((t) => t.test === name)

    it('fails the run, and exactly the tests that made a disallowed connection', () => {
      expect(run.code).toBe(1)
      const failed = [...run.outcomes].filter(([, status]) => status === 'failed').map(([name]) => name)
      expect(failed.sort()).toEqual(
        [
          'another file is gated in its own worker too',
          'blocked connection fails the test',
          'egressReport() shows the blocked attempts of this test only',
          'swallowed violation still fails',
          'the next test is not widened',
        ].sort(),
      )
      expect(run.outcomes.get('a test that makes no connection passes')).toBe('passed')
    })

    itGatesEachTest(() => run)

    it('collects every worker’s records into one JSON report and summary', () => {
      expect(run.report?.tests.flatMap((t) => t.attempts)).toHaveLength(8)
      expect(test('another file > is gated in its own worker too')).toMatchObject({
        state: 'failed',
        file: 'second.spec.cjs',
        attempts: [{ verdict: 'blocked' }],
      })
      expect(run.report).toMatchObject({ runner: 'jest', gatedTests: 9, files: [] })
      expect(run.output).toMatch(
        /egress-guard: 9 gated tests, 8 connection attempts to 2 destinations \(5 blocked, 1 recorded\)/,
      )
    })
  },
)

describe('record mode (fixture: record-mode)', async () => {
  const run = await runFixture('record-mode', { jest: 30 })

  it('lets the connection through, records it against its test, and passes', () => {
    expect(run.code).toBe(0)
    expect(run.outcomes.get('a connection in record mode goes through and is recorded')).toBe('passed')
    expect(run.report?.tests).toMatchObject([
      {
        test: 'a connection in record mode goes through and is recorded',
        state: 'passed',
        attempts: [{ verdict: 'recorded', host: '127.0.0.1' }],
        failures: [],
      },
    ])
    expect(run.report?.gatedTests).toBe(2)
  })
})
