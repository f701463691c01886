/**
 * What every runner's gate does on its block-loopback fixture, whose tests have the same names in
 * every runner: the runner packages' suites call this beside their runner-specific checks (which
 * tests failed by the runner's own account, counts, processes).
 */
import type { EgressRunReport } from '@egress-guard/gate'
import { expect, it } from 'vitest'

export interface ContractRun {
  code: number | null
  /** Everything the runner printed; the run was made with `GITHUB_ACTIONS=true`. */
  output: string
  /** Where the runner put the tests' failure messages: the output, or a results file's text. */
  failureText?: string | undefined
  report: EgressRunReport | undefined
}

export function itGatesEachTest(current: () => ContractRun): void {
  const test = (name: string) => current().report?.tests.find((t) => t.test === name)

  it('fails a test whose code swallowed the blocked error, naming the destination, the line and the rule to add', () => {
    expect(test('swallowed violation still fails')).toMatchObject({
      state: 'failed',
      failures: [{ kind: 'blocked', destination: expect.stringMatching(/^127\.0\.0\.1:\d+$/) }],
    })
    expect(test('swallowed violation still fails')?.failures[0]?.stack).toMatch(
      /fixtures\/shared-server\.cjs:\d+:\d+$/,
    )
    const output = current().failureText ?? current().output
    expect(output).toContain('egress-guard: 1 connection to a destination the policy does not allow')
    expect(output).toMatch(/- 127\.0\.0\.1:\d+ at \/.*fixtures\/shared-server\.cjs:\d+:\d+/)
    // node:test's TAP escapes the quotes.
    expect(output).toMatch(/To allow it in this test: allowEgress\(\\?"127\.0\.0\.1:\d+\\?"\)/)
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

  it('writes every attempt to the JSON report under its test, named as the report names the test', () => {
    const tests = current().report?.tests ?? []
    expect(tests.length).toBeGreaterThan(0)
    for (const owner of tests) {
      expect(owner.attempts.length).toBeGreaterThan(0)
      for (const attempt of owner.attempts) {
        expect(attempt).toMatchObject({ protocol: 'tcp', host: '127.0.0.1', test: owner.test })
      }
    }
  })

  it('annotates each failing destination at the line that dialled, on GitHub Actions', () => {
    expect(current().output).toMatch(
      /::error file=\S*shared-server\.cjs,line=\d+,col=\d+,title=egress-guard::egress-guard blocked a connection to 127\.0\.0\.1:\d+ in test "swallowed violation still fails"/,
    )
  })
}
