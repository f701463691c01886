import { describe, expect, it } from 'vitest'
import { formatAnnotations } from './annotations.js'
import type { RunEgress } from './collect.js'

const run = (overrides: Partial<RunEgress>): RunEgress => ({
  projects: ['default'],
  gatedTests: 1,
  tests: [],
  files: [],
  destinations: [],
  ...overrides,
})

describe('GitHub Actions annotations', () => {
  it('points at the frame that opened the connection, escaping the message', () => {
    const lines = formatAnnotations(
      run({
        tests: [
          {
            project: 'default',
            file: 'src/a.test.ts',
            test: 'uploads 100%, then: retries',
            state: 'failed',
            location: { line: 3, column: 1 },
            attempts: [],
            failures: [{ destination: 'api.test:443', kind: 'blocked', stack: '/repo/src/client.ts:12:7' }],
          },
        ],
      }),
      (path) => path.replace('/repo/', ''),
    )
    expect(lines).toEqual([
      '::error file=src/client.ts,line=12,col=7,title=egress-guard::egress-guard blocked a connection to api.test:443 in test "uploads 100%25, then: retries"',
    ])
  })

  it('falls back to the test location, and names new destinations and code outside tests', () => {
    const lines = formatAnnotations(
      run({
        tests: [
          {
            project: 'default',
            file: 'src/a.test.ts',
            test: 'syncs',
            state: 'failed',
            location: { line: 9, column: 3 },
            attempts: [],
            failures: [{ destination: 'db.test:5432', kind: 'new-destination' }],
          },
        ],
        files: [
          {
            project: 'default',
            file: 'src/b.test.ts',
            attempts: [],
            failures: [{ destination: 'x.test:1', kind: 'blocked' }],
          },
        ],
      }),
      (path) => path,
    )
    expect(lines).toEqual([
      '::error file=src/a.test.ts,line=9,col=3,title=egress-guard::egress-guard: new egress destination db.test:5432 in test "syncs" (not in the baseline)',
      '::error file=src/b.test.ts,title=egress-guard::egress-guard blocked a connection to x.test:1 outside any test',
    ])
  })
})
