// The decision-table runner shared by the policy's two table tests (decide-*.test.ts).
import { describe, expect, it } from 'vitest'
import { createPolicy } from '../src/policy/create-policy.js'
import type { Decision, Destination, PolicyOptions } from '../src/policy/types.js'

/**
 * Expected: `allow:<rule>` (admitted, Decision.rule equals it), `resolve` (a name no rule covers:
 * denied with needsAddress), `deny` (refused outright), optionally `deny:<words in the reason>`.
 */
export interface DecisionGroup {
  title: string
  options: PolicyOptions
  cases: [destination: Destination, expected: string][]
}

export function checkDecisionTable(groups: DecisionGroup[], atLeast: number): void {
  it(`holds at least ${atLeast} decisions`, () => {
    expect(groups.reduce((n, g) => n + g.cases.length, 0)).toBeGreaterThanOrEqual(atLeast)
  })
  for (const group of groups) {
    describe(`${group.title} (${JSON.stringify(group.options)})`, () => {
      const policy = createPolicy(group.options)
      it.each(group.cases.map(([d, e]) => [JSON.stringify(d) ?? String(d), e, d] as const))(
        '%s → %s',
        (_label, expected, destination) => expectDecision(policy.decide(destination), expected),
      )
    })
  }
}

function expectDecision(decision: Decision, expected: string): void {
  const colon = expected.indexOf(':')
  const verdict = colon < 0 ? expected : expected.slice(0, colon)
  const detail = colon < 0 ? undefined : expected.slice(colon + 1)
  expect(decision.reason).toMatch(/\S/)
  if (verdict === 'allow') {
    expect(decision).toMatchObject({ allowed: true, rule: detail })
    return
  }
  expect(decision.allowed).toBe(false)
  expect(decision.rule).toBeUndefined()
  expect(decision.needsAddress === true).toBe(verdict === 'resolve')
  if (detail !== undefined) expect(decision.reason).toContain(detail)
}

export const h = (host: string, port?: number, address?: string): Destination => ({ host, port, address })

export const u = (host: string, port: number, url: string): Destination => ({ host, port, url })
