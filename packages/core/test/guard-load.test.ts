import net from 'node:net'
import { expect, it } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import { withEgressGuard } from '../src/index.js'

it('records exactly 5 000 attempts for 5 000 concurrent connections in record mode', async () => {
  await using server = await startCountingServer('127.0.0.1')
  const total = 5000
  const { value, report } = await withEgressGuard({ mode: 'record', allowLoopback: false }, () =>
    Promise.all(
      Array.from(
        { length: total },
        () =>
          new Promise<boolean>((resolve) => {
            const socket = net.connect(server.port, '127.0.0.1')
            socket.on('data', () => {})
            socket.on('end', () => {
              socket.destroy()
              resolve(true)
            })
            socket.on('error', () => resolve(false))
          }),
      ),
    ),
  )
  expect(value.filter(Boolean)).toHaveLength(total)
  expect(server.accepted).toBe(total)
  expect(report.attempts).toHaveLength(total)
  expect(report.violations).toHaveLength(total)
  expect(report.destinations()).toEqual([
    expect.objectContaining({
      destination: `127.0.0.1:${server.port}`,
      count: total,
      verdicts: { recorded: total },
    }),
  ])
}, 60_000)
