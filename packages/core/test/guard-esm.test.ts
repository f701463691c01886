import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { beforeAll, expect, it } from 'vitest'
import { buildCore } from './build-core.js'

beforeAll(() => buildCore(), 60_000)

it('blocks ESM named imports of net.connect, net.createConnection and tls.connect loaded by Node itself', () => {
  const fixture = fileURLToPath(new URL('./fixtures/esm/named-imports.mjs', import.meta.url))
  const output = execFileSync(process.execPath, [fixture], {
    encoding: 'utf8',
    env: { ...process.env, EGRESS_GUARD_MODE: '' },
  })
  expect(JSON.parse(output)).toEqual({
    connect: 'ERR_EGRESS_BLOCKED',
    createConnection: 'ERR_EGRESS_BLOCKED',
    tlsConnect: 'ERR_EGRESS_BLOCKED',
    violations: 3,
    afterDispose: 'connected',
  })
})
