import { describe, expect, it } from 'vitest'
import { itGatesEachTest } from '../../gate/test/gate-contract.js'
import { nodeBins, runFixture } from './run-fixture.js'

describe.each(Object.keys(nodeBins).map(Number) as (keyof typeof nodeBins)[])(
  'node --test --import @egress-guard/node-test on Node %i (fixture: block-loopback, loopback counted as egress)',
  async (node) => {
    const run = await runFixture('block-loopback', { node, env: { GITHUB_ACTIONS: 'true' } })

    it('fails the run, and exactly the tests that made a disallowed connection', () => {
      expect(run.code).toBe(1)
      const failed = [...run.outcomes].filter(([, outcome]) => outcome === 'not ok').map(([name]) => name)
      expect(failed.sort()).toEqual(
        [
          'blocked connection fails the test',
          'egressReport() shows the blocked attempts of this test only',
          'swallowed violation still fails',
          'the next test is not widened',
        ].sort(),
      )
      expect(run.outcomes.get('a test that makes no connection passes')).toBe('ok')
    })

    itGatesEachTest(() => run)

    it('counts every test and attempt in the report and the summary', () => {
      const attempts =
        run.report?.tests.flatMap((t) => t.attempts.map((a) => ({ ...a, owner: t.test }))) ?? []
      expect(attempts).toHaveLength(7)
      for (const attempt of attempts) {
        expect(attempt.test).toBe(attempt.owner)
        expect(attempt).toMatchObject({ protocol: 'tcp', host: '127.0.0.1' })
      }
      expect(run.report).toMatchObject({ runner: 'node-test', gatedTests: 8, files: [] })
      expect(run.output).toMatch(
        /egress-guard: 8 gated tests, 7 connection attempts to 1 destinations \(4 blocked, 1 recorded\)/,
      )
    })
  },
)

describe('record mode (fixture: record-mode)', async () => {
  const run = await runFixture('record-mode')

  it('lets the connection through, records it against its test, and passes', () => {
    expect(run.code).toBe(0)
    expect(run.outcomes.get('a connection in record mode goes through and is recorded')).toBe('ok')
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

describe('connections outside any test (fixture: outside-tests)', async () => {
  const run = await runFixture('outside-tests')

  it('fails the file, not a test, and names the destination and the file', () => {
    expect(run.code).toBe(1)
    expect(run.outcomes.get('the file gate refused the connection made in before()')).toBe('ok')
    expect(run.outcomes.get('allowEgress() in a before hook is refused with a clear error')).toBe('ok')
    expect(run.outcomes.get('hook.test.mjs')).toBe('not ok')
    expect(run.output).toMatch(/- 127\.0\.0\.1:\d+ at \/.*fixtures\/shared-server\.cjs:\d+:\d+/)
    expect(run.output).toMatch(/outside any test in \/.*fixtures\/outside-tests\/hook\.test\.mjs/)
  })

  it('puts the attempt in the report under the file', () => {
    expect(run.report?.tests).toEqual([])
    expect(run.report?.files).toMatchObject([
      { file: expect.stringMatching(/hook\.test\.mjs$/), attempts: [{ verdict: 'blocked' }] },
    ])
    expect(run.report?.files[0]?.failures).toHaveLength(1)
  })
})

describe('a malformed config file (fixture: bad-config)', async () => {
  const run = await runFixture('bad-config')

  it('stops the run with one error naming the file and the key', () => {
    // The reporter, loaded first, throws while Node sets the run up: exit code 7.
    expect(run.code).toBeGreaterThan(0)
    expect(run.output).toMatch(
      /EgressConfigError: egress-guard: \/.*fixtures\/bad-config\/egress-guard\.config\.json: "mode" must be "block", "record" or "off", got "audit"/,
    )
    expect(run.outcomes.get('never gated: the config is malformed')).toBeUndefined()
  })
})
