import type { EgressAttempt } from 'egress-guard'
import { describe, expect, it } from 'vitest'
import { failureMessage, failuresOf } from './failures.js'

const attempt = (port: number, verdict: EgressAttempt['verdict']): EgressAttempt =>
  ({
    host: 'api.test',
    port,
    protocol: 'tcp',
    verdict,
    stack: `/app/client.js:${port}:3`,
    timestamp: 0,
  }) as unknown as EgressAttempt

describe('failuresOf', () => {
  it('makes one failure per blocked destination, first seen first, and ignores allowed ones', () => {
    const failures = failuresOf(
      [attempt(443, 'blocked'), attempt(80, 'allowed'), attempt(443, 'blocked')],
      undefined,
    )
    expect(failures).toEqual([
      { destination: 'api.test:443', kind: 'blocked', stack: '/app/client.js:443:3' },
    ])
  })

  it('fails a recorded destination only when a baseline is checked and lacks it', () => {
    expect(failuresOf([attempt(443, 'recorded')], undefined)).toEqual([])
    expect(failuresOf([attempt(443, 'recorded')], new Set(['api.test:443']))).toEqual([])
    expect(failuresOf([attempt(443, 'recorded')], new Set())).toMatchObject([{ kind: 'new-destination' }])
  })
})

describe('failureMessage', () => {
  it('names the destination, the line that opened it, and the allowEgress() to add', () => {
    const message = failureMessage(failuresOf([attempt(443, 'blocked'), attempt(8443, 'blocked')], undefined))
    expect(message.split('\n')).toEqual([
      'egress-guard: 2 connections to a destination the policy does not allow (failed even if the code under test caught the error):',
      '  - api.test:443 at /app/client.js:443:3',
      '  - api.test:8443 at /app/client.js:8443:3',
      'To allow it in this test: allowEgress("api.test:443", "api.test:8443")',
    ])
  })

  it('names the baseline and project for a new destination', () => {
    const message = failureMessage(failuresOf([attempt(443, 'recorded')], new Set()), {
      file: 'egress-baseline.json',
      project: 'default',
    })
    expect(message).toContain('1 new egress destination not in egress-baseline.json (project "default")')
  })
})
