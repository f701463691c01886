import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatBaseline, parseBaseline, readBaseline } from '../src/baseline.js'
import { EgressBaselineError } from '../src/baseline-error.js'
import { EgressGuardError } from '../src/errors.js'

describe('the baseline file', () => {
  it('writes projects and destinations sorted, and reads back what it wrote', () => {
    const baseline = new Map([
      ['web', new Set(['telemetry.test:4318', '[2001:db8::10]:443', 'api.test:443'])],
      ['api', new Set(['unix:/var/run/docker.sock', 'db.test:5432'])],
    ])
    const text = formatBaseline(baseline)
    expect(text).toBe(
      `${JSON.stringify(
        {
          version: 1,
          projects: {
            api: ['db.test:5432', 'unix:/var/run/docker.sock'],
            web: ['[2001:db8::10]:443', 'api.test:443', 'telemetry.test:4318'],
          },
        },
        null,
        2,
      )}\n`,
    )
    expect(parseBaseline(text, 'b.json')).toEqual(baseline)
  })

  it.each([
    ['[]', '(file)', 'must be a JSON object'],
    ['{"version":1,"projects":{},"extra":1}', 'extra', 'unknown key'],
    ['{"version":1}', 'projects', 'must be an object'],
    ['{"version":1,"projects":{"api":"db.test:5432"}}', 'projects["api"]', 'must be an array'],
    ['{"version":1,"projects":{"api":["db.test:5432",7]}}', 'projects["api"][1]', '7 is not a destination'],
    ['{"version":1,"projects":{"api":["https://db.test/"]}}', 'projects["api"][0]', 'is not a destination'],
    ['{ "version": 1,', '(file)', 'is not JSON'],
    ['{"version":2,"projects":{}}', 'version', 'must be 1, got 2'],
    ['{"projects":{}}', 'version', 'must be 1, got undefined'],
    ['{"version":1,"projects":[]}', 'projects', 'must be an object'],
    ['{"version":1,"projects":{"api":["db.test:70000"]}}', 'projects["api"][0]', 'has a port above 65535'],
    ['{"version":1,"projects":{"api":["[::1]:65536"]}}', 'projects["api"][0]', 'has a port above 65535'],
  ])('rejects %s, naming the file and the entry %s', (text, entry, problem) => {
    let error: unknown
    try {
      parseBaseline(text, '/repo/egress-baseline.json')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(EgressBaselineError)
    expect(error).toBeInstanceOf(EgressGuardError)
    expect(error).toMatchObject({ code: 'ERR_EGRESS_BASELINE', file: '/repo/egress-baseline.json', entry })
    expect(String((error as Error).message)).toContain(
      `malformed baseline /repo/egress-baseline.json: ${entry}: `,
    )
    expect(String((error as Error).message)).toContain(problem)
  })

  it('accepts a "$comment" beside "version" and "projects", and every destination form', () => {
    const api = ['db.test:65535', '[2001:db8::1]:443', 'dns-only.test', 'unix:/var/run/docker.sock']
    const text = JSON.stringify({ $comment: 'reviewed in #42', version: 1, projects: { api } })
    expect(parseBaseline(text, 'b.json')).toEqual(new Map([['api', new Set(api)]]))
  })

  it('reads a missing file as an empty baseline, and names a file that cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'egress-baseline-read-'))
    expect(readBaseline(join(dir, 'absent.json'))).toEqual(new Map())
    const directory = join(dir, 'a-directory.json')
    mkdirSync(directory)
    expect(() => readBaseline(directory)).toThrow(
      expect.objectContaining({ code: 'ERR_EGRESS_BASELINE', file: directory, entry: '(file)' }),
    )
    expect(() => readBaseline(directory)).toThrow(`malformed baseline ${directory}: (file): cannot be read`)
    rmSync(dir, { recursive: true, force: true })
  })
})
