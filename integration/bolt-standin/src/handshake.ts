/**
 * The Bolt handshake: the client sends the magic 0x6060B017 and four 32-bit version proposals
 * `[reserved, range, minor, major]` (a range of R admits minor versions minor-R … minor); the server
 * answers with the one version it picked, or four zero bytes when none fits.
 */

export const BOLT_MAGIC = 0x6060b017
export const HANDSHAKE_LENGTH = 20

export interface BoltVersion {
  major: number
  minor: number
}

/** One proposal slot, decoded. Major 255 marks handshake manifests, which this server does not speak. */
export interface VersionProposal {
  major: number
  minor: number
  range: number
}

export function parseHandshake(bytes: Buffer): VersionProposal[] {
  if (bytes.length < HANDSHAKE_LENGTH)
    throw new Error(`Bolt handshake needs ${HANDSHAKE_LENGTH} bytes, got ${bytes.length}`)
  const magic = bytes.readUInt32BE(0)
  if (magic !== BOLT_MAGIC) {
    throw new Error(`not a Bolt client: magic 0x${magic.toString(16).padStart(8, '0')}, expected 0x6060b017`)
  }
  const proposals: VersionProposal[] = []
  for (let i = 4; i < HANDSHAKE_LENGTH; i += 4) {
    const major = bytes[i + 3]!
    const minor = bytes[i + 2]!
    const range = bytes[i + 1]!
    if (major !== 0 || minor !== 0) proposals.push({ major, minor, range })
  }
  return proposals
}

/**
 * Picks the first proposal (the client's order is its preference) that admits one of `supported`,
 * taking the highest supported minor inside that proposal's range.
 */
export function negotiateVersion(
  proposals: VersionProposal[],
  supported: BoltVersion[],
): BoltVersion | undefined {
  for (const p of proposals) {
    const fits = supported
      .filter((v) => v.major === p.major && v.minor <= p.minor && v.minor >= p.minor - p.range)
      .sort((a, b) => b.minor - a.minor)
    if (fits[0]) return fits[0]
  }
  return undefined
}

/** The 4-byte answer: `[0, 0, minor, major]`, or zeros for "no common version". */
export function encodeVersion(version: BoltVersion | undefined): Buffer {
  return Buffer.from(version ? [0, 0, version.minor, version.major] : [0, 0, 0, 0])
}
