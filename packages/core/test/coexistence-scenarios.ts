/**
 * Shared scenarios for "a request mocked by msw or nock is not egress". Each mocker's test file
 * supplies how to start and stop its mock; the scenarios run it in both install orders.
 */
import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import { isHermetic, OTHER_V4 } from '../../../test-support/hermetic.js'
import { egressGuard } from '../src/index.js'

export interface Mocker {
  /** Mock `GET http://api.example.test/mocked` → 200 'mocked', leave everything else unmocked. */
  start(): Promise<void> | void
  stop(): Promise<void> | void
}

export function httpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => {
          body += chunk
        })
        res.on('end', () => resolve(body))
      })
      .on('error', reject)
  })
}

async function fetchText(url: string): Promise<string> {
  return (await fetch(url)).text()
}

export function describeCoexistence(name: string, mocker: Mocker): void {
  for (const order of ['mocker first', 'guard first'] as const) {
    describe.runIf(isHermetic)(`${name}, ${order}`, () => {
      async function withBoth(body: (guard: ReturnType<typeof egressGuard>) => Promise<void>) {
        let guard: ReturnType<typeof egressGuard> | undefined
        if (order === 'mocker first') await mocker.start()
        guard = egressGuard({ mode: 'block' })
        if (order === 'guard first') await mocker.start()
        try {
          await body(guard)
        } finally {
          // Unwind in reverse install order, as users do with nested setup/teardown hooks.
          if (order === 'mocker first') {
            guard.dispose()
            await mocker.stop()
          } else {
            await mocker.stop()
            guard.dispose()
          }
          guard = undefined
        }
      }

      it('does not block or record a mocked http request', async () => {
        await withBoth(async (guard) => {
          expect(await httpGet('http://api.example.test/mocked')).toBe('mocked')
          expect(guard.report.attempts).toEqual([])
        })
      })

      it('does not block or record a mocked fetch', async () => {
        await withBoth(async (guard) => {
          expect(await fetchText('http://api.example.test/mocked')).toBe('mocked')
          expect(guard.report.violations).toEqual([])
        })
      })

      it('still judges an unmocked passthrough request, which never reaches the remote', async () => {
        await using remote = await startCountingServer(OTHER_V4)
        await withBoth(async (guard) => {
          const error = await httpGet(`http://other.test:${remote.port}/unmocked`).catch((e: unknown) => e)
          expect(error).toMatchObject({ code: 'ERR_EGRESS_BLOCKED' })
          expect(remote.accepted).toBe(0)
          expect(guard.report.violations).toMatchObject([
            { host: 'other.test', port: remote.port, verdict: 'blocked' },
          ])
        })
      })
    })
  }
}
