import { describe, expect, it } from 'vitest'
import { isHermetic } from '../../../test-support/hermetic.js'
import { runFixture } from './run-fixture.js'

describe('the bare setup file configured by EGRESS_GUARD_* (fixture: bare-setup)', () => {
  it('gates every test and reports its attempts through the named reporter', async () => {
    const run = await runFixture('bare-setup', { env: { EGRESS_GUARD_MODE: 'block' }, args: ['loopback'] })
    expect(run.code, run.output).toBe(0)
    expect(run.report?.tests).toMatchObject([
      { test: 'loopback is allowed and recorded', attempts: [{ verdict: 'allowed', rule: 'loopback' }] },
    ])
  })

  it('gates nothing with EGRESS_GUARD_MODE=off', async () => {
    const run = await runFixture('bare-setup', { env: { EGRESS_GUARD_MODE: 'off' }, args: ['loopback'] })
    expect(run.code, run.output).toBe(0)
    expect(run.report?.gatedTests).toBe(0)
    expect(run.output).toContain('egress-guard: 0 gated tests')
    expect(run.report?.tests).toEqual([])
  })

  it('rejects a bad EGRESS_GUARD_MODE, naming it', async () => {
    const run = await runFixture('bare-setup', { env: { EGRESS_GUARD_MODE: 'blok' } })
    expect(run.code).not.toBe(0)
    // The message is the setup file's, or the preload's when this suite itself runs under a guard.
    expect(run.output).toMatch(/EGRESS_GUARD_MODE must be "?block"?, "?record"? or "?off"?/)
    expect(run.output).toContain('"blok"')
  })

  it.runIf(isHermetic)('blocks a fake remote host by default', async () => {
    const run = await runFixture('bare-setup')
    expect(run.code, run.output).toBe(1)
    expect(run.report?.tests.find((t) => t.test === 'a fake remote host is blocked')).toMatchObject({
      state: 'failed',
      attempts: [{ host: 'remote.test', address: '198.18.0.10', port: 443, verdict: 'blocked' }],
      failures: [{ kind: 'blocked', destination: 'remote.test:443' }],
    })
  })
})
