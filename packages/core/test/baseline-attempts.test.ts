import { describe, expect, it } from 'vitest'
import { baselineDestinations, newDestinations, updatedBaseline } from '../src/baseline-attempts.js'
import type { EgressAttempt } from '../src/report.js'

const attempt = (host: string, port: number, verdict: EgressAttempt['verdict'], project?: string) => ({
  protocol: 'tcp' as const,
  host,
  port,
  verdict,
  reason: 'fixture',
  timestamp: '2026-01-01T00:00:00.000Z',
  ...(project === undefined ? {} : { project }),
})

describe('a run against the baseline', () => {
  it('takes the destinations no allow rule admitted, per project (`default` without one)', () => {
    const destinations = baselineDestinations([
      attempt('api.test', 443, 'recorded', 'web'),
      attempt('api.test', 443, 'blocked', 'web'),
      attempt('allowed.test', 443, 'allowed', 'web'),
      attempt('db.test', 5432, 'recorded'),
    ])
    expect(destinations).toEqual(
      new Map([
        ['web', new Set(['api.test:443'])],
        ['default', new Set(['db.test:5432'])],
      ]),
    )
  })

  it('lists, sorted, the destinations the baseline does not know for their project', () => {
    const baseline = new Map([['web', new Set(['api.test:443'])]])
    const attempts = [
      attempt('api.test', 443, 'recorded', 'web'),
      attempt('z.test', 1, 'recorded', 'web'),
      attempt('api.test', 443, 'recorded', 'api'),
    ]
    expect(newDestinations(baseline, attempts)).toEqual(['api.test:443', 'z.test:1'])
  })

  it('gives every project that ran exactly its destinations, and leaves the others alone', () => {
    const baseline = new Map([
      ['web', new Set(['gone.test:443'])],
      ['quiet', new Set(['old.test:443'])],
      ['skipped', new Set(['kept.test:443'])],
    ])
    const next = updatedBaseline(baseline, [attempt('new.test', 443, 'recorded', 'web')], ['web', 'quiet'])
    expect(next).toEqual(
      new Map([
        ['web', new Set(['new.test:443'])],
        ['quiet', new Set()],
        ['skipped', new Set(['kept.test:443'])],
      ]),
    )
    expect(baseline.get('web')).toEqual(new Set(['gone.test:443']))
  })
})
