import { describe, expect, it } from 'vitest'
import { failedTests, runFixture } from './run-fixture.js'

describe('the gate around every test (fixture: block-loopback, loopback counted as egress)', async () => {
  const run = await runFixture('block-loopback')
  const test = (name: string) => run.report?.tests.find((t) => t.test === name)

  it('fails the run, and exactly the tests that made a disallowed connection', () => {
    expect(run.code).toBe(1)
    expect(failedTests(run.report).sort()).toEqual(
      [
        'a sibling describe > does not inherit the other describe allowance',
        'blocked connection fails the test',
        'egressReport() shows the blocked attempts of this test only',
        'swallowed violation still fails',
        'the next test is not widened',
      ].sort(),
    )
  })

  it('fails a test whose code swallowed the blocked error, naming the destination and the line that dialled', () => {
    const swallowed = test('swallowed violation still fails')
    expect(swallowed?.failures).toMatchObject([
      { kind: 'blocked', destination: expect.stringMatching(/^127\.0\.0\.1:\d+$/) },
    ])
    expect(swallowed?.failures[0]?.stack).toMatch(/fixtures\/shared-server\.ts:\d+:\d+$/)
    expect(run.output).toContain(
      'EgressGuardTestError: egress-guard: 1 connection to a destination the policy does not allow',
    )
    expect(run.output).toMatch(/- 127\.0\.0\.1:\d+ at \/.*fixtures\/shared-server\.ts:\d+:\d+/)
    expect(run.output).toMatch(/To allow it in this test: allowEgress\("127\.0\.0\.1:\d+"\)/)
  })

  it('widens the policy with allowEgress() for that test only', () => {
    expect(test('allowEgress widens for this test')).toMatchObject({
      state: 'passed',
      attempts: [{ verdict: 'allowed' }],
    })
    expect(test('the next test is not widened')?.attempts).toMatchObject([{ verdict: 'blocked' }])
  })

  it("lets a describe's beforeAll allowance reach its tests and no others", () => {
    for (const name of [
      'a describe that allows the server in beforeAll > first test inherits the allowance',
      'a describe that allows the server in beforeAll > second test inherits it too',
      'a describe that allows it in beforeEach > the hook allowance reaches the test body',
    ]) {
      expect(test(name), name).toMatchObject({ state: 'passed', attempts: [{ verdict: 'allowed' }] })
    }
    expect(
      test('a sibling describe > does not inherit the other describe allowance')?.attempts,
    ).toMatchObject([{ verdict: 'blocked' }])
  })

  it('lets a test switch to record mode and assert on its own attempts', () => {
    expect(test('a test in record mode reaches the server and asserts on its own attempts')).toMatchObject({
      state: 'passed',
      attempts: [{ verdict: 'recorded' }],
      failures: [],
    })
  })

  it("leaves a connection that the test's own guard refused to that guard: the test passes", () => {
    expect(
      test("a connection refused by the test's own egressGuard() is that guard's verdict, not the gate's"),
    ).toMatchObject({ state: 'passed', attempts: [{ verdict: 'blocked' }], failures: [] })
  })

  it('lets an egressGuard() opened inside a test nest inside the gate', () => {
    expect(test('an egressGuard() opened inside a test nests inside the gate and decides')).toMatchObject({
      state: 'passed',
      attempts: [{ verdict: 'allowed' }],
    })
  })

  it('puts every attempt in the JSON report with its test name and protocol, and the first user frame of each violation', () => {
    const attempts = run.report?.tests.flatMap((t) => t.attempts.map((a) => ({ ...a, owner: t.test }))) ?? []
    expect(attempts).toHaveLength(12)
    for (const attempt of attempts) {
      expect(attempt.test).toBe(attempt.owner)
      expect(attempt).toMatchObject({ protocol: 'tcp', host: '127.0.0.1', address: '127.0.0.1' })
      // The core captures the opening frame wherever the policy refuses (allowed attempts may omit it).
      if (attempt.verdict !== 'allowed') expect(attempt.stack).toMatch(/fixtures\/shared-server\.ts:\d+:\d+$/)
    }
    expect(run.report?.gatedTests).toBe(12)
  })

  it('prints an end-of-run summary with destinations, counts and tests', () => {
    expect(run.output).toMatch(
      /egress-guard: 12 gated tests, 12 connection attempts to 3 destinations \(6 blocked, 1 recorded\)/,
    )
    expect(run.output).toMatch(
      /✗ 127\.0\.0\.1:\d+ \[tcp\] 3 blocked, 1 allowed — .*gate\.spec\.ts > blocked connection fails the test/,
    )
  })
})
