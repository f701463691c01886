import net from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import { egressGuard } from '../src/index.js'

/** Open one loopback connection under `guard` and return the timestamp its attempt got. */
async function timestampOfOneConnection(port: number): Promise<string | undefined> {
  using guard = egressGuard({ mode: 'record' })
  const socket = net.connect(port, '127.0.0.1')
  await new Promise((resolve) => socket.on('connect', resolve))
  socket.destroy()
  return guard.report.attempts[0]?.timestamp
}

describe('attempt timestamps', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('are the ISO 8601 time of the attempt, to the millisecond, across second and day boundaries', async () => {
    await using server = await startCountingServer('127.0.0.1')
    vi.useFakeTimers({ toFake: ['Date'] })
    for (const time of [
      '2026-11-23T02:59:59.999Z',
      '2026-11-23T03:00:00.000Z',
      '2026-11-23T03:00:00.007Z',
      '2026-11-23T03:00:00.087Z',
      '2026-11-23T03:00:00.870Z',
      '2026-11-23T03:00:00.870Z',
      '2026-12-31T23:59:59.001Z',
      '2027-01-01T00:00:00.010Z',
    ]) {
      vi.setSystemTime(new Date(time))
      expect(await timestampOfOneConnection(server.port)).toBe(time)
    }
  })
})
