import { describe, expect, it } from 'vitest'
import { itGatesEachTest } from '../../gate/test/gate-contract.js'
import { mochaBins, runFixture } from './run-fixture.js'

const runs = (Object.keys(mochaBins).map(Number) as (keyof typeof mochaBins)[]).flatMap((mocha) => [
  { mocha, mode: 'serial', args: [] as string[] },
  { mocha, mode: 'parallel', args: ['--parallel', '--jobs', '2'] },
])

describe.each(runs)(
  'mocha $mocha ($mode) --require @egress-guard/mocha (fixture: block-loopback, loopback counted as egress)',
  async ({ mocha, args }) => {
    const run = await runFixture('block-loopback', { mocha, args, env: { GITHUB_ACTIONS: 'true' } })
    const test = (name: string) => run.report?.tests.find((t) => t.test === name)

    it('fails the run, and exactly the tests that made a disallowed connection, without failing a hook', () => {
      expect(run.code).toBe(6)
      const failed = [...run.outcomes].filter(([, outcome]) => outcome === 'failed').map(([name]) => name)
      expect(failed.sort()).toEqual(
        [
          'a swallowed violation in a done-style test still fails',
          'another file is gated in its own worker too',
          'blocked connection fails the test',
          'egressReport() shows the blocked attempts of this test only',
          'swallowed violation still fails',
          'the next test is not widened',
        ].sort(),
      )
      expect(run.outcomes.get('a test that makes no connection passes')).toBe('passed')
      expect(run.hookFailures).toEqual([])
    })

    itGatesEachTest(() => run)

    it('collects every process’s records into one JSON report and summary', () => {
      const attempts =
        run.report?.tests.flatMap((t) => t.attempts.map((a) => ({ ...a, owner: t.test }))) ?? []
      expect(attempts).toHaveLength(9)
      for (const attempt of attempts) {
        expect(attempt.test).toBe(attempt.owner)
        expect(attempt).toMatchObject({ protocol: 'tcp', host: '127.0.0.1' })
      }
      expect(test('another file > is gated in its own worker too')).toMatchObject({
        state: 'failed',
        file: 'second.spec.mjs',
        attempts: [{ verdict: 'blocked' }],
      })
      expect(run.report).toMatchObject({ runner: 'mocha', gatedTests: 10, files: [] })
      expect(run.output).toMatch(
        /egress-guard: 10 gated tests, 9 connection attempts to 2 destinations \(6 blocked, 1 recorded\)/,
      )
    })
  },
)

describe('the failure message (mocha 11, serial)', async () => {
  const run = await runFixture('block-loopback', { mocha: 11, args: ['--reporter', 'spec'] })

  it('names the destination, the line that dialled, and the allowEgress() to add', () => {
    expect(run.output).toContain('egress-guard: 1 connection to a destination the policy does not allow')
    expect(run.output).toMatch(/- 127\.0\.0\.1:\d+ at \/.*fixtures\/shared-server\.cjs:\d+:\d+/)
    expect(run.output).toMatch(/To allow it in this test: allowEgress\("127\.0\.0\.1:\d+"\)/)
  })
})

describe('record mode (fixture: record-mode)', async () => {
  const run = await runFixture('record-mode', { mocha: 10 })

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
