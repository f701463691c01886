/**
 * Bolt message framing: each message is sent as chunks (a 2-byte big-endian size, then that many
 * bytes) and ends with a zero-size chunk. Zero-size chunks between messages are NOOPs.
 */

const MAX_CHUNK = 0xffff

/** Frames one encoded message into chunks followed by the 0x0000 end marker. */
export function chunkMessage(message: Buffer): Buffer {
  const parts: Buffer[] = []
  for (let offset = 0; offset < message.length; offset += MAX_CHUNK) {
    const body = message.subarray(offset, offset + MAX_CHUNK)
    const header = Buffer.alloc(2)
    header.writeUInt16BE(body.length)
    parts.push(header, body)
  }
  parts.push(Buffer.alloc(2))
  return Buffer.concat(parts)
}

/** Reassembles whole messages from a byte stream that may split or merge chunks arbitrarily. */
export class Dechunker {
  #pending: Buffer = Buffer.alloc(0)
  #message: Buffer[] = []

  /** Feeds bytes; returns every message completed by them, in order. */
  push(data: Buffer): Buffer[] {
    this.#pending = this.#pending.length ? Buffer.concat([this.#pending, data]) : data
    const complete: Buffer[] = []
    while (this.#pending.length >= 2) {
      const size = this.#pending.readUInt16BE(0)
      if (size === 0) {
        if (this.#message.length > 0) complete.push(Buffer.concat(this.#message))
        this.#message = []
        this.#pending = this.#pending.subarray(2)
        continue
      }
      if (this.#pending.length < 2 + size) break
      this.#message.push(this.#pending.subarray(2, 2 + size))
      this.#pending = this.#pending.subarray(2 + size)
    }
    return complete
  }
}
