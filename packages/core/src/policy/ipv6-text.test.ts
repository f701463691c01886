import fc from 'fast-check'
import ipaddr from 'ipaddr.js'
import { describe, expect, it } from 'vitest'
import { parseAddress } from './address.js'

describe('the hot-path address reader', () => {
  it('reads every IPv6 address exactly as ipaddr.js does', () => {
    const spelled = fc
      .oneof(
        fc.ipV6(),
        fc.ipV6().map((a) => a.toUpperCase()),
        fc
          .array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 })
          .map((g) => g.map((x) => x.toString(16)).join(':')),
        fc.ipV4().map((a) => `::ffff:${a}`),
        fc.ipV4().map((a) => `64:ff9b::${a}`),
      )
      .filter((text) => !/^::[0-9.]+$/i.test(text)) // ipaddr.js misreads IPv4-compatible `::a.b.c.d` (below)
    fc.assert(
      fc.property(spelled, (text) => {
        const ours = parseAddress(text)
        const theirs = ipaddr.process(text)
        expect(ours?.text).toBe(
          theirs.kind() === 'ipv6' ? (theirs as ipaddr.IPv6).toRFC5952String() : theirs.toString(),
        )
        const bytes = theirs.toByteArray()
        expect(ours?.value.toString(16)).toBe(
          BigInt(`0x${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}`).toString(16),
        )
      }),
      { numRuns: 5000 },
    )
  })

  it('reads IPv4-compatible ::a.b.c.d as the IPv6 address it is, not as IPv4-mapped', () => {
    // ipaddr.js 2.5 parses `::1.2.3.4` with groups 0,0,0,0,0,ffff,102,304 (mapped); it is ::102:304.
    expect(parseAddress('::1.2.3.4')).toMatchObject({ family: 6, text: '::102:304' })
    expect(parseAddress('::127.0.0.1')).toMatchObject({ family: 6, text: '::7f00:1' })
    expect(parseAddress('::0.0.0.0')).toMatchObject({ family: 6, text: '::' })
  })

  it('reads every IPv4 address as its 32-bit value', () => {
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        const bytes = ipaddr.parse(text).toByteArray()
        expect(parseAddress(text)).toStrictEqual({
          family: 4,
          value:
            (bytes[0] ?? 0) * 2 ** 24 + (((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)),
          text,
        })
      }),
    )
  })
})
