import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EgressPolicyError } from '../errors.js'
import { createPolicy } from './create-policy.js'
import type { Destination } from './types.js'

const policy = createPolicy({
  allow: [
    'db.test:5432',
    '*.corp.test',
    '10.0.0.0/8',
    '[2001:db8::/32]:443',
    'https://otel.test:4318/v1/',
    'unix:/run/a.sock',
  ],
  allowUnixSockets: false,
})

/** Strings that look like hosts and addresses, and strings that look like nothing. */
const hostish = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.ipV4(),
  fc.ipV4Extended(),
  fc.ipV6(),
  fc.ipV6().map((a) => `[${a}]`),
  fc.ipV6().map((a) => `${a}%eth0`),
  fc.domain(),
  fc.domain().map((d) => `${d.toUpperCase()}.`),
  fc.webUrl(),
  fc.constantFrom(
    '',
    '[',
    ']',
    '[]',
    '.',
    '..',
    '%',
    '*.x',
    'localhost',
    '::',
    '0.0.0.0',
    '::ffff:',
    '2130706433',
  ),
)
const portish = fc.oneof(fc.integer(), fc.double(), fc.string(), fc.anything(), fc.constant(undefined))
const destination = fc.oneof(
  fc.record(
    {
      host: fc.oneof(hostish, fc.anything()),
      port: portish,
      address: fc.oneof(hostish, fc.anything()),
      path: fc.oneof(fc.string(), fc.anything()),
      url: fc.oneof(hostish, fc.anything()),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
)

describe('decide() and suggestRule() on arbitrary input', () => {
  it('never throw, and always answer with a reason', () => {
    fc.assert(
      fc.property(destination, (d) => {
        const decision = policy.decide(d as Destination)
        expect(typeof decision.allowed).toBe('boolean')
        expect(typeof decision.reason).toBe('string')
        expect(decision.reason).not.toBe('')
        expect(typeof policy.suggestRule(d as Destination)).toBe('string')
      }),
      { numRuns: 5000 },
    )
  })

  it('still answers when reading the destination throws', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom')
        },
      },
    )
    expect(policy.decide(hostile as Destination)).toMatchObject({ allowed: false })
  })
})

describe('createPolicy() on arbitrary rules', () => {
  it('accepts a rule or throws EgressPolicyError naming it, nothing else', () => {
    const ruleish = fc.oneof(
      hostish,
      fc.tuple(hostish, fc.integer({ min: -5, max: 70000 })).map(([h, p]) => `${h}:${p}`),
      fc.anything(),
    )
    fc.assert(
      fc.property(ruleish, (rule) => {
        try {
          createPolicy({ allow: [rule as string] })
        } catch (error) {
          expect(error).toBeInstanceOf(EgressPolicyError)
          expect((error as EgressPolicyError).rule).toBe(rule)
        }
      }),
      { numRuns: 5000 },
    )
  })
})
