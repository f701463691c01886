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
  /** Mock `GET` of every URL in MOCKED_URLS → 200 'mocked', leave everything else unmocked. */
  start(): Promise<void> | void
  stop(): Promise<void> | void
}

/**
 * What suites mock: a name the hosts file lists, cloud metadata (AWS SDK tests), IPv4 and IPv6
 * literals, and a name that resolves nowhere. None is egress when a mock answers it.
 */
export const MOCKED_URLS = [
  'http://api.example.test/mocked',
  'http://169.254.169.254/latest/meta-data/iam',
  'http://203.0.113.5/mocked',
  'http://[2001:db8::1]/mocked',
  'http://telemetry.vendor.example/mocked',
] as const

/** `[origin, path]` of each mocked URL, for mockers that take them apart (nock). */
export const MOCKED_ORIGINS = MOCKED_URLS.map((url) => {
  const parsed = new URL(url)
  return [parsed.origin, parsed.pathname] as const
})

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

      for (const url of MOCKED_URLS) {
        it(`does not block or record a mocked http request to ${url}`, async () => {
          await withBoth(async (guard) => {
            expect(await httpGet(url)).toBe('mocked')
            expect(guard.report.attempts).toEqual([])
          })
        })

        it(`does not block or record a mocked fetch of ${url}`, async () => {
          await withBoth(async (guard) => {
            expect(await fetchText(url)).toBe('mocked')
            expect(guard.report.violations).toEqual([])
          })
        })
      }

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
