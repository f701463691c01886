import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { isHermetic } from '../../../test-support/hermetic.js'
import { buildCore } from './build-core.js'

/** Run a fixture with the pinned Node itself, so ESM named imports are Node's, not Vitest's. */
function runFixture(name: string): unknown {
  const fixture = fileURLToPath(new URL(`./fixtures/dns/${name}`, import.meta.url))
  const env = { ...process.env, EGRESS_GUARD_MODE: '' }
  return JSON.parse(execFileSync(process.execPath, [fixture], { encoding: 'utf8', env }))
}

describe.runIf(isHermetic)('dns through Node itself (built package)', () => {
  beforeAll(() => buildCore(), 60_000)

  it('blocks ESM named imports of dns and dns/promises under strictDns, and restores them on dispose', () => {
    expect(runFixture('named-imports.mjs')).toEqual({
      patched: true,
      lookup: 'ERR_EGRESS_BLOCKED',
      resolve4: 'ERR_EGRESS_BLOCKED',
      lookupPromise: 'ERR_EGRESS_BLOCKED',
      resolve4Promise: 'ERR_EGRESS_BLOCKED',
      violations: ['remote.test', 'remote.test', 'remote.test', 'remote.test'],
      restored: true,
      afterDispose: '198.18.0.10',
    })
  })

  it('keeps the servers a program set with dns.setServers while guarded, after dispose', () => {
    const result = runFixture('set-servers.mjs') as { servers: string[] }
    expect(result).toEqual({
      guarded: { callback: ['198.18.0.10'], promise: ['198.18.0.11'] },
      attempts: [
        expect.stringMatching(/^127\.0\.0\.1:\d+ allowed$/),
        expect.stringMatching(/^127\.0\.0\.1:\d+ allowed$/),
      ],
      after: { callback: ['198.18.0.10'], promise: ['198.18.0.11'] },
      queries: 5,
      servers: [expect.stringMatching(/^127\.0\.0\.1:\d+$/)],
      attemptsPerQueryAfterReguard: 1,
    })
  })
})
