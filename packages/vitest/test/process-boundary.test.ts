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
    expect(run.code, run.output).toBe(0)
    expect(run.output).toMatch(/Tests\s+2 passed/)
  })
})
