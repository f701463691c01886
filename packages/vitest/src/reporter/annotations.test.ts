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

describe('GitHub annotation caps', () => {
  it('annotates nine violations and counts the rest in a tenth, past ten per step', () => {
    const failures = Array.from({ length: 14 }, (_, i) => ({
      destination: `host${i}.test:443`,
      kind: 'blocked' as const,
      stack: `src/c.ts:${i + 1}:1`,
    }))
    const lines = formatAnnotations(
      run({
        tests: [
          { project: 'default', file: 'src/a.test.ts', test: 't', state: 'failed', attempts: [], failures },
        ],
      }),
      (path) => path,
    )
    expect(lines).toHaveLength(10)
    expect(lines[8]).toContain('host8.test:443')
    expect(lines[9]).toBe(
      '::error title=egress-guard::egress-guard: 5 more egress violations not annotated (GitHub shows 10 per step); the job summary, the log above and the report list them all',
    )
  })

  it('leaves ten violations as ten annotations', () => {
    const failures = Array.from({ length: 10 }, (_, i) => ({
      destination: `h${i}.test:1`,
      kind: 'blocked' as const,
    }))
    const lines = formatAnnotations(
      run({ files: [{ project: 'default', file: 'src/b.test.ts', attempts: [], failures }] }),
      (path) => path,
    )
    expect(lines).toHaveLength(10)
    expect(lines.filter((line) => line.includes('more egress violations'))).toEqual([])
  })
})
