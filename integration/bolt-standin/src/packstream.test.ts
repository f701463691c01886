import { describe, expect, it } from 'vitest'
import { Packer, type PackValue, Structure, Unpacker } from './packstream.js'

const hex = (v: PackValue) => new Packer().pack(v).toBuffer().toString('hex')
const roundTrip = (v: PackValue) => new Unpacker(new Packer().pack(v).toBuffer()).unpack()

describe('PackStream', () => {
  it('encodes the spec examples byte for byte', () => {
    expect(hex(null)).toBe('c0')
    expect(hex(true)).toBe('c3')
    expect(hex(1n)).toBe('01')
    expect(hex(-16n)).toBe('f0')
    expect(hex(-17n)).toBe('c8ef')
    expect(hex(128n)).toBe('c90080')
    expect(hex(1.1)).toBe('c13ff199999999999a')
    expect(hex('a')).toBe('8161')
    expect(hex([1n, 2n, 3n])).toBe('93010203')
    expect(hex({ one: 'eins' })).toBe('a1836f6e658465696e73')
    expect(hex(new Structure(0x70, [{}]))).toBe('b170a0')
  })

  it('round-trips integers at every width boundary', () => {
    const edges = [
      127n,
      128n,
      -128n,
      -129n,
      32767n,
      32768n,
      -32768n,
      -32769n,
      2n ** 31n - 1n,
      2n ** 31n,
      -(2n ** 63n),
    ]
    for (const n of edges) expect(roundTrip(n), String(n)).toBe(n)
    expect(() => hex(2n ** 63n)).toThrow(/does not fit in 64 bits/)
  })

  it('round-trips strings, lists and maps across the tiny/8/16/32-bit size markers', () => {
    for (const size of [15, 16, 255, 256, 65535, 65536]) {
      const s = 'x'.repeat(size)
      expect(roundTrip(s)).toBe(s)
      const list = Array.from({ length: Math.min(size, 300) }, (_, i) => BigInt(i))
      expect(roundTrip(list)).toEqual(list)
    }
    const nested = {
      rows: [{ id: 1n, name: 'Ada', total: 12.5, tags: ['a'], none: null }],
      bytes: new Uint8Array([1, 2]),
    }
    expect(roundTrip(nested)).toEqual(nested)
  })

  it('names an unknown marker and a truncated value', () => {
    expect(() => new Unpacker(Buffer.from([0xc7])).unpack()).toThrow(/unknown marker 0xc7/)
    expect(() => new Unpacker(Buffer.from([0x85, 0x61])).unpack()).toThrow(/truncated/)
  })
})
