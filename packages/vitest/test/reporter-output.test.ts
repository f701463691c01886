import { describe, expect, it } from 'vitest'
import { runFixture } from './run-fixture.js'

describe('GitHub Actions annotations (fixture: block-loopback)', () => {
  it('emits an ::error annotation at the line that opened each failing connection when GITHUB_ACTIONS=true', async () => {
    const run = await runFixture('block-loopback', { env: { GITHUB_ACTIONS: 'true' } })
    const annotations = run.output.split('\n').filter((line) => line.includes('title=egress-guard::'))
    expect(annotations).toHaveLength(5)
    expect(annotations).toContainEqual(
      expect.stringMatching(
        /^::error file=packages\/vitest\/test\/fixtures\/shared-server\.ts,line=\d+,col=\d+,title=egress-guard::egress-guard blocked a connection to 127\.0\.0\.1:\d+ in test "swallowed violation still fails"$/,
      ),
    )
    const [, line] = /line=(\d+)/.exec(annotations[0] as string) ?? []
    const dialLine = run.report?.tests[0]?.attempts[0]?.stack?.split(':').at(-2)
    expect(line).toBe(dialLine)
  })

  it('emits none without GITHUB_ACTIONS', async () => {
    const run = await runFixture('block-loopback')
    expect(run.output).not.toContain('::error')
  })
})

describe('connections outside any test (fixture: outside-tests)', () => {
  it('guards beforeAll hooks too, reports the attempt against the file, and fails the run', async () => {
    const run = await runFixture('outside-tests', { args: ['hook'] })
    expect(run.code).toBe(1)
    expect(run.report?.files).toMatchObject([
      {
        file: 'packages/vitest/test/fixtures/outside-tests/hook.spec.ts',
        attempts: [{ verdict: 'blocked', protocol: 'tcp' }],
        failures: [{ kind: 'blocked' }],
      },
    ])
    expect(run.report?.files[0]?.attempts[0]?.test).toBeUndefined()
    expect(run.output).toMatch(/FAIL .*hook\.spec\.ts/)
    expect(run.output).toContain('egress-guard: 1 connection to a destination the policy does not allow')
  })

  it('rejects allowEgress() in a describe body, saying where it may be called', async () => {
    const run = await runFixture('outside-tests', { args: ['collect'] })
    expect(run.code).toBe(1)
    expect(run.output).toContain(
      "egress-guard: allowEgress() must be called in a test, in a beforeEach/afterEach hook, or in a describe's beforeAll/afterAll hook",
    )
  })
})
