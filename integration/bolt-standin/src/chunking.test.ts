import { describe, expect, it } from 'vitest'
import { chunkMessage, Dechunker } from './chunking.js'

describe('Bolt chunking', () => {
  it('reassembles messages however the stream splits them, skipping NOOP chunks', () => {
    const a = Buffer.from('first message')
    const b = Buffer.alloc(70_000, 7) // longer than one chunk
    const stream = Buffer.concat([Buffer.alloc(2), chunkMessage(a), chunkMessage(b)])
    for (const step of [1, 3, 1000, stream.length]) {
      const d = new Dechunker()
      const out: Buffer[] = []
      for (let i = 0; i < stream.length; i += step) out.push(...d.push(stream.subarray(i, i + step)))
      expect(out.map((m) => m.length)).toEqual([a.length, b.length])
      expect(out[0]?.equals(a) && out[1]?.equals(b)).toBe(true)
    }
  })

  it('splits a message longer than 65535 bytes into several chunks and ends it with 0x0000', () => {
    const framed = chunkMessage(Buffer.alloc(70_000))
    expect(framed.readUInt16BE(0)).toBe(0xffff)
    expect(framed.readUInt16BE(2 + 0xffff)).toBe(70_000 - 0xffff)
    expect(framed.subarray(-2).toString('hex')).toBe('0000')
  })
})
