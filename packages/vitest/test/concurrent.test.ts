import { describe, expect, it } from 'vitest'
import { hasVitest4, runFixture } from './run-fixture.js'

describe('test.concurrent with a different allowance per test (fixture: concurrent)', async () => {
  const run = await runFixture('concurrent')
  const test = (name: string) => run.report?.tests.find((t) => t.test === name)

  it('keeps each allowance in its own test while their connections interleave', () => {
    expect(test('A allows only server A')).toMatchObject({ state: 'passed', failures: [] })
    expect(test('B allows only server B')).toMatchObject({ state: 'passed', failures: [] })
    const portA = test('A allows only server A')?.attempts[0]?.port
    const portB = test('B allows only server B')?.attempts[0]?.port
    expect(portA).not.toBe(portB)
    expect(test('A allows only server A')?.attempts).toEqual(
      Array(5).fill(
        expect.objectContaining({ port: portA, verdict: 'allowed', test: 'A allows only server A' }),
      ),
    )
    expect(test('B allows only server B')?.attempts).toEqual(
      Array(5).fill(
        expect.objectContaining({ port: portB, verdict: 'allowed', test: 'B allows only server B' }),
      ),
    )
  })

  it("does not let a concurrent test borrow another test's allowance", () => {
    const c = test('C allows nothing and reaches for server A')
    expect(c?.state).toBe('failed')
    expect(c?.attempts).toHaveLength(5)
    expect(
      c?.attempts.every(
        (a) => a.verdict === 'blocked' && a.test === 'C allows nothing and reaches for server A',
      ),
    ).toBe(true)
    expect(run.code).toBe(1)
  })

  it("applies a concurrent test's beforeEach allowance to that test's body", () => {
    const d = test('a describe whose beforeEach allows server B > D is allowed by its beforeEach')
    expect(d).toMatchObject({ state: 'passed', failures: [] })
    expect(d?.attempts.length).toBeGreaterThan(0)
    expect(d?.attempts.every((a) => a.verdict === 'allowed')).toBe(true)
    const e = test(
      'a describe whose beforeEach allows server B > E reaches for server A, which its beforeEach did not allow',
    )
    expect(e).toMatchObject({ state: 'failed', attempts: [{ verdict: 'blocked' }] })
  })
})

describe.runIf(hasVitest4)('test.concurrent under Vitest 4 (fixture: concurrent)', () => {
  it('keeps allowances per test as under Vitest 5', async () => {
    const run = await runFixture('concurrent', { vitest: 4 })
    expect(run.output).toContain('v4.1.')
    const states = Object.fromEntries(run.report?.tests.map((t) => [t.test, t.state]) ?? [])
    expect(states).toEqual({
      'A allows only server A': 'passed',
      'B allows only server B': 'passed',
      'C allows nothing and reaches for server A': 'failed',
      'a describe whose beforeEach allows server B > D is allowed by its beforeEach': 'passed',
      'a describe whose beforeEach allows server B > E reaches for server A, which its beforeEach did not allow':
        'failed',
    })
  })
})
