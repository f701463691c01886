import { describe, expect, it } from 'vitest'
import { EgressGuardError, EgressPolicyError } from '../errors.js'
import { createPolicy } from './create-policy.js'
import type { PolicyOptions } from './types.js'

/** Each bad rule, and words its error must say. */
const malformedRules: [rule: unknown, says: string][] = [
  ['', 'the rule is empty'],
  [' ', 'no whitespace'],
  ['db.test ', 'no whitespace'],
  ['a b.test', 'no whitespace'],
  ['db.test,api.test', 'invalid label'],
  ['a..b', 'empty label'],
  ['.corp.test', 'write "*.corp.test"'],
  ['*.', 'the suffix after "*." is empty'],
  ['*', 'wildcard may only be the whole first label'],
  ['*.*.x', 'only one wildcard'],
  ['a.*.test', 'wildcard may only be the whole first label'],
  ['*x.test', 'wildcard may only be the whole first label'],
  ['*.corp.test:', 'the port after ":" is missing'],
  ['host:99999', 'port 99999 is above 65535'],
  ['host:65536', 'above 65535'],
  ['host:-1', 'not a number from 0 to 65535'],
  ['host:http', 'not a number from 0 to 65535'],
  ['host:', 'the port after ":" is missing'],
  ['host:1:2', 'not an IPv6 address'],
  [`${'x'.repeat(64)}.test`, 'invalid label'],
  [`${'a.'.repeat(127)}b`, 'longer than 253'],
  ['bad!.test', 'invalid label'],
  ['127.1', 'ends in a number'],
  ['0x7f.1', 'ends in a number'],
  ['2130706433', 'ends in a number'],
  ['*.0.1', 'ends in a number'],
  ['10.0.0.0/33', 'longer than the 32 bits'],
  ['10.0.0.1/8', 'host bits are set; the network is 10.0.0.0/8'],
  ['10.0.0.0/', 'prefix length "" is not a number'],
  ['10.0.0.0/x', 'prefix length "x" is not a number'],
  ['10.0.0.0/8/8', 'is not a number'],
  ['10.0/8', 'is not an IPv4 or IPv6 address'],
  ['10.0.0.0/8:70000', 'above 65535'],
  ['2001:db8::/129', 'longer than the 128 bits'],
  ['2001:db8::1/32', 'host bits are set; the network is 2001:db8::/32'],
  ['2001:db8::1::2', 'not an IPv6 address'],
  ['[2001:db8::1', 'no matching "]"'],
  ['[2001:db8::1]443', 'is not ":port"'],
  ['[2001:db8::1]:', 'missing'],
  ['[10.0.0.1]:80', 'brackets hold an IPv6 address'],
  ['[db.test]:80', 'brackets hold an IPv6 address'],
  ['[2001:db8::1/33]:443', 'host bits are set'],
  ['https://', 'not a valid URL'],
  ['https://x.test:99999/', 'not a valid URL'],
  ['gopher://x.test', 'scheme "gopher:" has no default port'],
  ['https://user:pw@x.test/', 'no credentials'],
  ['https://x.test/?q=1', 'no query or fragment'],
  ['https://x.test/#top', 'no query or fragment'],
  ['file:///etc/hosts', 'no host'],
  ['https://a..b/', 'empty label'],
  ['https://*.*.x.test/', 'only one wildcard'],
  ['unix:', 'missing'],
  ['unix:relative.sock', 'must be absolute'],
  ['unix://run/x.sock', 'must be absolute'],
  ['unix:/run/*/x.sock', 'may only end a unix rule'],
  ['unix:/run/', 'is a directory'],
  ['unix:/run/a\u0000b', 'control character'],
  [42, 'must be a string, not a number'],
  [null, 'must be a string, not null'],
  [undefined, 'must be a string, not a undefined'],
  [{ host: 'db.test' }, 'must be a string, not a object'],
  [['db.test'], 'must be a string, not an array'],
  [true, 'must be a string'],
]

function policyError(options: unknown): EgressPolicyError {
  try {
    createPolicy(options as PolicyOptions)
  } catch (error) {
    if (error instanceof EgressPolicyError) return error
    throw error
  }
  throw new Error(`createPolicy(${JSON.stringify(options)}) did not throw`)
}

describe('createPolicy() rejects every malformed rule at construction', () => {
  it.each(malformedRules.map(([rule, says]) => [String(JSON.stringify(rule)), says, rule] as const))(
    'rejects %s: %s',
    (_label, says, rule) => {
      const error = policyError({ allow: ['ok.test', rule, 'also-ok.test'] })
      expect(error).toBeInstanceOf(EgressGuardError)
      expect(error.code).toBe('ERR_EGRESS_POLICY')
      expect(error.rule).toBe(rule)
      expect(error.message).toContain(says)
      expect(error.message).toContain(JSON.stringify(rule) ?? 'undefined')
    },
  )

  it('names the first bad rule of several', () => {
    expect(policyError({ allow: ['db.test', 'bad..test', '10.0.0.0/33'] }).rule).toBe('bad..test')
  })

  it('rejects a hole in the allow array as undefined', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the case under test
    expect(policyError({ allow: ['db.test', , 'api.test'] }).rule).toBeUndefined()
  })
})

describe('createPolicy() rejects bad options at construction', () => {
  const badOptions: [options: unknown, value: unknown, says: string][] = [
    [{ allow: 42 }, 42, '`allow` must be an array'],
    [{ allow: { 0: 'db.test' } }, { 0: 'db.test' }, '`allow` must be an array'],
    [{ allow: null }, null, '`allow` must be an array'],
    [{ allowLoopback: 'yes' }, 'yes', 'option `allowLoopback` must be true or false'],
    [{ allowUnixSockets: null }, null, 'option `allowUnixSockets` must be true or false'],
    [{ strictDns: 1 }, 1, 'option `strictDns` must be true or false'],
    [null, null, 'policy options must be an object'],
    ['db.test', 'db.test', 'policy options must be an object'],
    [['db.test'], ['db.test'], 'policy options must be an object'],
  ]
  it.each(badOptions.map(([o, v, s]) => [JSON.stringify(o), s, o, v] as const))(
    'rejects %s: %s',
    (_label, says, options, value) => {
      const error = policyError(options)
      expect(error.rule).toStrictEqual(value)
      expect(error.message).toContain(says)
    },
  )

  it('takes a single string as one rule, and no options as loopback only', () => {
    expect(createPolicy({ allow: 'db.test:5432' }).rules).toStrictEqual(['db.test:5432'])
    const policy = createPolicy()
    expect(policy).toMatchObject({ rules: [], allowLoopback: true, allowUnixSockets: true, strictDns: false })
    expect(policy.decide({ host: '127.0.0.1', port: 1 }).allowed).toBe(true)
  })

  it('keeps the rules as written, in order, frozen', () => {
    const allow = ['B.test', '*.a.test', '10.0.0.0/8:5432', 'B.test']
    const policy = createPolicy({ allow })
    allow.push('later.test')
    expect(policy.rules).toStrictEqual(['B.test', '*.a.test', '10.0.0.0/8:5432', 'B.test'])
    expect(Object.isFrozen(policy.rules)).toBe(true)
  })
})
