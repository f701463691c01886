import { describe, expect, it } from 'vitest'
import { failedTests, hasVitest4, runFixture } from './run-fixture.js'

for (const vitest of [5, 4] as const) {
  describe.runIf(vitest === 5 || hasVitest4)(
    `a per-test allowance and pooled connections, Vitest ${vitest} (fixture: pooled-allowance)`,
    async () => {
      const run = await runFixture('pooled-allowance', { vitest })
      const test = (name: string) => run.report?.tests.find((t) => t.test === name)

      it('does not leak an allowance to the next test through a kept-alive agent or undici pool', () => {
        // Both tests that reached for the pooled connection fail from the record, though their own
        // assertions (the block they saw) passed.
        expect(failedTests(run.report).sort()).toEqual([
          'global fetch (undici pool) > the next test, swallowing the error, still fails',
          'http.Agent with keepAlive > the next test may not use that pooled connection',
        ])
        expect(run.code).toBe(1)
        expect(
          test('http.Agent with keepAlive > the next test may not use that pooled connection'),
        ).toMatchObject({
          state: 'failed',
          attempts: [{ protocol: 'http', verdict: 'blocked' }],
        })
      })

      it('records one attempt per request, with its URL', () => {
        expect(
          test('http.Agent with keepAlive > an allowance opens a kept-alive connection')?.attempts,
        ).toMatchObject([{ verdict: 'allowed', url: expect.stringMatching(/\/agent-allowed$/) }])
        expect(
          test('global fetch (undici pool) > the next test, swallowing the error, still fails')?.attempts,
        ).toMatchObject([{ verdict: 'blocked', url: expect.stringMatching(/\/fetch-leak$/) }])
      })

      it('kept every refused request from the server', () => {
        expect(
          test('global fetch (undici pool) > the server saw only the allowed requests')?.state ?? 'passed',
        ).toBe('passed')
        expect(run.output).not.toContain("expected [ '/agent-allowed', '/fetch-allowed'")
      })
    },
  )
}
