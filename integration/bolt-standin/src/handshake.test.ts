import { describe, expect, it } from 'vitest'
import { encodeVersion, negotiateVersion, parseHandshake } from './handshake.js'
import { supportedVersions } from './server.js'

/** What neo4j-driver 6 sends: manifest v1 (255.1), 5.8 with range 8, 4.4 with range 2, 3.0. */
const driverHandshake = Buffer.from('6060b017' + '000001ff' + '00080805' + '00020404' + '00000003', 'hex')

describe('Bolt handshake', () => {
  it('picks the highest supported 5.x inside the range the driver proposes', () => {
    const proposals = parseHandshake(driverHandshake)
    expect(proposals).toEqual([
      { major: 255, minor: 1, range: 0 },
      { major: 5, minor: 8, range: 8 },
      { major: 4, minor: 4, range: 2 },
      { major: 3, minor: 0, range: 0 },
    ])
    const version = negotiateVersion(proposals, supportedVersions)
    expect(version).toEqual({ major: 5, minor: 4 })
    expect(encodeVersion(version).toString('hex')).toBe('00000405')
  })

  it('honours the range: 5.3 with range 0 gets exactly 5.3, 5.8 without range gets nothing', () => {
    expect(negotiateVersion([{ major: 5, minor: 3, range: 0 }], supportedVersions)).toEqual({
      major: 5,
      minor: 3,
    })
    expect(negotiateVersion([{ major: 5, minor: 8, range: 0 }], supportedVersions)).toBeUndefined()
    expect(encodeVersion(undefined).toString('hex')).toBe('00000000')
  })

  it('rejects a client that is not speaking Bolt, naming the magic it sent', () => {
    const http = Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')
    expect(() => parseHandshake(http)).toThrow(/magic 0x47455420/)
  })
})
