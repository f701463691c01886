import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isHermetic } from '../../../test-support/hermetic.js'
import { runFixture } from './run-fixture.js'

// Children and Workers inherit the guard through egress-guard's `register` preload, which the core
// adds to their NODE_OPTIONS / execArgv while a scope is live (issue 6). Without it built, skip.
const preload = fileURLToPath(new URL('../../core/dist/register.js', import.meta.url))

describe.runIf(isHermetic && existsSync(preload))('the process boundary (fixture: process-boundary)', () => {
  it('guards a child node process and a Worker started inside a test', async () => {
    const run = await runFixture('process-boundary')
    const test = (name: string) => run.report?.tests.find((t) => t.test === name)
    // Inside the fixture each test asserts that its child's connection failed with
    // ERR_EGRESS_BLOCKED and that the remote server accepted nothing.
    const worker = test('a Worker started in a test runs under the guard')
    // The core links a Worker's attempts to the scope that started it: the Worker's blocked
    // connection, swallowed by the Worker, then fails the test like any swallowed violation.
    expect(worker).toMatchObject({
      state: 'failed',
      attempts: expect.arrayContaining([
        expect.objectContaining({ address: '198.18.0.10', verdict: 'blocked' }),
      ]),
      failures: [{ kind: 'blocked', destination: expect.stringMatching(/^198\.18\.0\.10:\d+$/) }],
    })
    expect(run.output).toMatch(/Tests\s+1 failed \| 1 passed/)
    expect(run.code).toBe(1)
  })
})
