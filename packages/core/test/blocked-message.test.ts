import { once } from 'node:events'
import net from 'node:net'
import { expect, it } from 'vitest'
import { isHermetic } from '../../../test-support/hermetic.js'
import { egressGuard } from '../src/index.js'

it.runIf(isHermetic)(
  'names the destination, the resolved address, the rules in force and the rule to add',
  async () => {
    using _guard = egressGuard({ mode: 'block', allow: ['db.internal.test:5432'] })
    const [error] = await once(net.connect(443, 'remote.test'), 'error')
    expect(error.message).toBe(
      'egress-guard blocked tcp connection to remote.test:443: no allow rule covers remote.test:443 ' +
        '(resolved to 198.18.0.10). Rules in force: loopback, "db.internal.test:5432". ' +
        'To allow it, add: allow: ["remote.test:443"]',
    )
    expect(error).toMatchObject({
      host: 'remote.test',
      port: 443,
      address: '198.18.0.10',
      suggestion: 'remote.test:443',
    })
  },
)

it('says when loopback itself is disallowed', async () => {
  using _guard = egressGuard({ mode: 'block', allowLoopback: false })
  const [error] = await once(net.connect(9, '127.0.0.1'), 'error')
  expect(error.message).toContain('Rules in force: none (loopback disallowed)')
  expect(error.message).toContain('allow: ["127.0.0.1:9"]')
})
