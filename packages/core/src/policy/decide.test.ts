import { describe, expect, it } from 'vitest'
import { createPolicy } from './create-policy.js'
import { ruleFormGroups } from './decision-cases.js'
import { moreGroups } from './decision-cases-more.js'
import type { Decision } from './types.js'

const groups = [...ruleFormGroups, ...moreGroups]

function expectDecision(decision: Decision, expected: string): void {
  const [verdict, detail] = splitOnce(expected)
  expect(typeof decision.reason).toBe('string')
  expect(decision.reason.length).toBeGreaterThan(0)
  if (verdict === 'allow') {
    expect(decision).toMatchObject({ allowed: true, rule: detail })
    return
  }
  expect(decision.allowed).toBe(false)
  expect(decision.rule).toBeUndefined()
  expect(decision.needsAddress === true).toBe(verdict === 'resolve')
  if (detail !== undefined) expect(decision.reason).toContain(detail)
}

function splitOnce(text: string): [string, string | undefined] {
  const colon = text.indexOf(':')
  return colon < 0 ? [text, undefined] : [text.slice(0, colon), text.slice(colon + 1)]
}

describe('decide() on the decision table', () => {
  it('holds at least 150 decisions', () => {
    expect(groups.reduce((n, g) => n + g.cases.length, 0)).toBeGreaterThanOrEqual(150)
  })

  for (const group of groups) {
    describe(`${group.title} (${JSON.stringify(group.options)})`, () => {
      const policy = createPolicy(group.options)
      it.each(group.cases.map(([d, e]) => [JSON.stringify(d) ?? String(d), e, d] as const))(
        '%s → %s',
        (_label, expected, destination) => {
          expectDecision(policy.decide(destination), expected)
        },
      )
    })
  }
})
