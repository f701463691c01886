import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { beforeAll, expect, it } from 'vitest'
import { isHermetic, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { buildCore } from './build-core.js'

beforeAll(() => buildCore(), 60_000)

it.runIf(isHermetic)(
  'guards a fetch whose global dispatcher Node creates only after the guard was installed',
  () => {
    const fixture = fileURLToPath(new URL('./fixtures/esm/lazy-dispatcher.mjs', import.meta.url))
    const output = execFileSync(process.execPath, [fixture, REMOTE_V4], {
      encoding: 'utf8',
      env: { ...process.env, EGRESS_GUARD_MODE: '' },
    })
    const result = JSON.parse(output)
    expect(result.dispatcherBefore).toBe(false)
    // The URL rule admits /public/ only: the first request, on the freshly created dispatcher, is
    // judged with its URL before undici writes it; the allowed one goes through.
    expect(result.firstPrivate).toBe('ERR_EGRESS_BLOCKED')
    expect(result.firstPublic).toBe('status 204')
    expect(result.otherHost).toBe('ERR_EGRESS_BLOCKED')
    // The remote saw the allowed request only: the refused one never left.
    expect(result.requests).toEqual(['GET /public/ok HTTP/1.1'])
    expect(result.violations).toEqual([expect.stringMatching(/\/private$/), 'http://other.test:47/'])
  },
)
