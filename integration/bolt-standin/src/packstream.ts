/**
 * PackStream v1, the value encoding of Bolt: the subset a Bolt 5 server needs (null, booleans,
 * integers as bigint, floats as number, strings, bytes, lists, maps, structures).
 */

/** A PackStream structure: a tag byte and its fields (Bolt messages and graph types). */
export class Structure {
  constructor(
    readonly tag: number,
    readonly fields: PackValue[],
  ) {}
}

export type PackValue =
  | null
  | boolean
  | bigint
  | number
  | string
  | Uint8Array
  | PackValue[]
  | Structure
  | { [key: string]: PackValue }

const INT8_MIN = -128n
const INT16_MIN = -32768n
const INT32_MIN = -2147483648n
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/** Encodes values into one growing buffer. */
export class Packer {
  #chunks: Buffer[] = []

  pack(value: PackValue): this {
    if (value === null) this.#bytes(0xc0)
    else if (value === true) this.#bytes(0xc3)
    else if (value === false) this.#bytes(0xc2)
    else if (typeof value === 'bigint') this.#int(value)
    else if (typeof value === 'number') this.#float(value)
    else if (typeof value === 'string') this.#string(value)
    else if (value instanceof Uint8Array) {
      this.#header(value.length, [0xcc, 0xcd, 0xce])
      this.#chunks.push(Buffer.from(value))
    } else if (Array.isArray(value)) {
      this.#sized(value.length, 0x90, [0xd4, 0xd5, 0xd6])
      for (const item of value) this.pack(item)
    } else if (value instanceof Structure) {
      if (value.fields.length > 15)
        throw new RangeError(`structure 0x${value.tag.toString(16)} has too many fields`)
      this.#bytes(0xb0 | value.fields.length, value.tag)
      for (const field of value.fields) this.pack(field)
    } else {
      const entries = Object.entries(value)
      this.#sized(entries.length, 0xa0, [0xd8, 0xd9, 0xda])
      for (const [k, v] of entries) this.pack(k).pack(v)
    }
    return this
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.#chunks)
  }

  #bytes(...bytes: number[]): void {
    this.#chunks.push(Buffer.from(bytes))
  }

  #int(v: bigint): void {
    if (v < INT64_MIN || v > INT64_MAX) throw new RangeError(`integer ${v} does not fit in 64 bits`)
    if (v >= -16n && v <= 127n) this.#bytes(Number(v) & 0xff)
    else if (v >= INT8_MIN && v <= 127n) this.#fixed(0xc8, 1, (b) => b.writeInt8(Number(v), 1))
    else if (v >= INT16_MIN && v < -INT16_MIN) this.#fixed(0xc9, 2, (b) => b.writeInt16BE(Number(v), 1))
    else if (v >= INT32_MIN && v < -INT32_MIN) this.#fixed(0xca, 4, (b) => b.writeInt32BE(Number(v), 1))
    else this.#fixed(0xcb, 8, (b) => b.writeBigInt64BE(v, 1))
  }

  #fixed(marker: number, width: number, write: (b: Buffer) => void): void {
    const b = Buffer.alloc(1 + width)
    b[0] = marker
    write(b)
    this.#chunks.push(b)
  }

  #float(v: number): void {
    this.#fixed(0xc1, 8, (b) => b.writeDoubleBE(v, 1))
  }

  #string(v: string): void {
    const utf8 = Buffer.from(v, 'utf8')
    this.#sized(utf8.length, 0x80, [0xd0, 0xd1, 0xd2])
    this.#chunks.push(utf8)
  }

  /** Tiny marker (size < 16) or a sized one with an 8/16/32-bit length. */
  #sized(size: number, tiny: number, markers: [number, number, number]): void {
    if (size < 16) this.#bytes(tiny | size)
    else this.#header(size, markers)
  }

  #header(size: number, [m8, m16, m32]: [number, number, number]): void {
    if (size < 0x100) this.#fixed(m8, 1, (b) => b.writeUInt8(size, 1))
    else if (size < 0x10000) this.#fixed(m16, 2, (b) => b.writeUInt16BE(size, 1))
    else this.#fixed(m32, 4, (b) => b.writeUInt32BE(size, 1))
  }
}

/** Decodes values from a buffer holding one whole message. */
export class Unpacker {
  #pos = 0
  constructor(readonly buf: Buffer) {}

  get done(): boolean {
    return this.#pos >= this.buf.length
  }

  unpack(): PackValue {
    const m = this.#u8()
    if (m <= 0x7f) return BigInt(m)
    if (m >= 0xf0) return BigInt(m - 0x100)
    const hi = m & 0xf0
    const lo = m & 0x0f
    if (hi === 0x80) return this.#string(lo)
    if (hi === 0x90) return this.#list(lo)
    if (hi === 0xa0) return this.#map(lo)
    if (hi === 0xb0) return this.#struct(lo)
    switch (m) {
      case 0xc0:
        return null
      case 0xc1:
        return this.#take(8).readDoubleBE(0)
      case 0xc2:
        return false
      case 0xc3:
        return true
      case 0xc8:
        return BigInt(this.#take(1).readInt8(0))
      case 0xc9:
        return BigInt(this.#take(2).readInt16BE(0))
      case 0xca:
        return BigInt(this.#take(4).readInt32BE(0))
      case 0xcb:
        return this.#take(8).readBigInt64BE(0)
      case 0xcc:
      case 0xcd:
      case 0xce:
        return new Uint8Array(this.#take(this.#size(m - 0xcc)))
      case 0xd0:
      case 0xd1:
      case 0xd2:
        return this.#string(this.#size(m - 0xd0))
      case 0xd4:
      case 0xd5:
      case 0xd6:
        return this.#list(this.#size(m - 0xd4))
      case 0xd8:
      case 0xd9:
      case 0xda:
        return this.#map(this.#size(m - 0xd8))
    }
    throw new Error(`PackStream: unknown marker 0x${m.toString(16)} at byte ${this.#pos - 1}`)
  }

  #size(width: number): number {
    if (width === 0) return this.#u8()
    if (width === 1) return this.#take(2).readUInt16BE(0)
    return this.#take(4).readUInt32BE(0)
  }

  #string(n: number): string {
    return this.#take(n).toString('utf8')
  }

  #list(n: number): PackValue[] {
    return Array.from({ length: n }, () => this.unpack())
  }

  #map(n: number): { [key: string]: PackValue } {
    const out: { [key: string]: PackValue } = {}
    for (let i = 0; i < n; i++) {
      const key = this.unpack()
      if (typeof key !== 'string') throw new Error(`PackStream: map key is ${typeof key}, not a string`)
      out[key] = this.unpack()
    }
    return out
  }

  #struct(n: number): Structure {
    const tag = this.#u8()
    return new Structure(tag, this.#list(n))
  }

  #u8(): number {
    return this.#take(1)[0]!
  }

  #take(n: number): Buffer {
    if (this.#pos + n > this.buf.length)
      throw new Error(`PackStream: truncated value (need ${n} bytes at ${this.#pos})`)
    const out = this.buf.subarray(this.#pos, this.#pos + n)
    this.#pos += n
    return out
  }
}
