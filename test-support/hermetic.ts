/**
 * Tests that talk to fake remote hosts run only inside the namespace made by scripts/hermetic.mjs.
 * Outside it, an address like 198.18.0.10 would be routed to the real network, so such tests are
 * skipped rather than run; `npm test` always runs them inside the namespace.
 */
import { networkInterfaces } from 'node:os'

export { FAKE_HOSTS, FAKE_V4, FAKE_V6 } from './fake-network.mjs'

/** True only inside the sealed namespace: the harness said so and `lo` is the only interface. */
export const isHermetic =
  process.env.EGRESS_GUARD_HERMETIC === '1' && Object.keys(networkInterfaces()).every((name) => name === 'lo')

export const REMOTE_V4 = '198.18.0.10'
export const OTHER_V4 = '198.18.0.11'
export const REMOTE_V6 = '2001:db8::10'
