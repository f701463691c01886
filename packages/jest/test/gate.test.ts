import { describe, expect, it } from 'vitest'
import { runFixture } from './run-fixture.js'

const runs = [
  { jest: 29, node: 22, args: [] as string[] },
  { jest: 30, node: 24, args: ['--maxWorkers=2'] },
  { jest: 30, node: 22, args: ['--runInBand'] },
] as const

describe.each(runs)(
  'jest $jest on Node $node $args with setupFilesAfterEnv @egress-guard/jest/setup (fixture: block-loopback, loopback counted as egress)',
  async ({ jest, node, args }) => {
    const run = await runFixture('block-loopback', { jest, node, args: [...args] })
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

    it('fails a test whose code swallowed the blocked error, naming the destination, the line and the rule to add', () => {
      expect(test('swallowed violation still fails')).toMatchObject({
        state: 'failed',
        failures: [{ kind: 'blocked', destination: expect.stringMatching(/^127\.0\.0\.1:\d+$/) }],
      })
      expect(test('swallowed violation still fails')?.failures[0]?.stack).toMatch(
        /fixtures\/shared-server\.cjs:\d+:\d+$/,
      )
      expect(run.output).toContain('egress-guard: 1 connection to a destination the policy does not allow')
      expect(run.output).toMatch(/- 127\.0\.0\.1:\d+ at \/.*fixtures\/shared-server\.cjs:\d+:\d+/)
      expect(run.output).toMatch(/To allow it in this test: allowEgress\("127\.0\.0\.1:\d+"\)/)
    })

    it('widens the policy with allowEgress() for that test only, also from a beforeEach', () => {
      expect(test('allowEgress widens for this test')).toMatchObject({
        state: 'passed',
        attempts: [{ verdict: 'allowed' }],
      })
      expect(test('the next test is not widened')).toMatchObject({
        state: 'failed',
        attempts: [{ verdict: 'blocked' }],
      })
      expect(
        test('a describe that allows it in beforeEach > the hook allowance reaches the test body'),
      ).toMatchObject({ state: 'passed', attempts: [{ verdict: 'allowed' }] })
    })

    it('lets a test switch to record mode and assert on its own attempts', () => {
      expect(test('a test in record mode reaches the server and asserts on its own attempts')).toMatchObject({
        state: 'passed',
        attempts: [{ verdict: 'recorded' }],
        failures: [],
      })
    })

    it('collects every worker’s records into one JSON report and summary', () => {
      const attempts = run.report?.tests.flatMap((t) => t.attempts) ?? []
      expect(attempts).toHaveLength(8)
      for (const attempt of attempts) expect(attempt).toMatchObject({ protocol: 'tcp', host: '127.0.0.1' })
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
