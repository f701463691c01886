import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPolicy } from './create-policy.js'
import type { Destination } from './types.js'

const nothingAllowed = createPolicy({ allowLoopback: false, allowUnixSockets: false })

describe('suggestRule()', () => {
  it.each([
    [{ host: 'API.Example.test.', port: 443 }, 'api.example.test:443'],
    [{ host: 'db.test' }, 'db.test'],
    [{ host: 'bücher.test', port: 80 }, 'xn--bcher-kva.test:80'],
    [{ host: '2001:db8::1', port: 443 }, '[2001:db8::1]:443'],
    [{ host: '[2001:DB8::1%eth0]', port: 443 }, '[2001:db8::1]:443'],
    [{ host: '2001:db8::1' }, '2001:db8::1'],
    [{ host: '::ffff:198.18.0.5', port: 5432 }, '198.18.0.5:5432'],
    [{ host: 'db.test', port: 5432, address: '198.18.0.5' }, 'db.test:5432'],
    [{ host: 'meta.test', port: 80, address: '169.254.169.254' }, '169.254.169.254:80'],
    [{ host: 'localhost', port: 80, address: '198.18.0.5' }, '198.18.0.5:80'],
    [{ host: '2130706433', port: 80, address: '198.18.0.5' }, '198.18.0.5:80'],
    [{ host: '2130706433', port: 80 }, ''],
    [{ path: '/run//app.sock' }, 'unix:/run/app.sock'],
    [{ host: 'a b', port: 1 }, ''],
  ] satisfies [Destination, string][])('suggests for %j: %s', (destination, expected) => {
    expect(nothingAllowed.suggestRule(destination)).toBe(expected)
  })

  it('suggests a rule that admits the destination it was made for, even with loopback off', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,12}$/)
    const name = fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => [...l, 'test'].join('.'))
    const address = fc.oneof(
      fc.ipV4(),
      fc.ipV6(),
      fc.ipV4().map((a) => `::ffff:${a}`),
    )
    const port = fc.option(fc.integer({ min: 0, max: 65535 }), { nil: undefined })
    const destination: fc.Arbitrary<Destination> = fc.oneof(
      fc.record({ host: name, port }),
      fc.record({ host: fc.oneof(name, fc.constant('localhost')), port, address }),
      fc.record({ host: address, port }),
      fc.record({ path: fc.stringMatching(/^(\/[a-z.]{1,8}){1,4}$/).filter((p) => !/\/\.{1,2}$/.test(p)) }),
    )
    fc.assert(
      fc.property(destination, (d) => {
        const rule = nothingAllowed.suggestRule(d)
        expect(
          createPolicy({ allow: [rule], allowLoopback: false, allowUnixSockets: false }).decide(d),
        ).toMatchObject({
          allowed: true,
          rule,
        })
      }),
      { numRuns: 3000 },
    )
  })
})
