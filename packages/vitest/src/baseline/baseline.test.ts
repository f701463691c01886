import { describe, expect, it } from 'vitest'
import { formatBaseline, parseBaseline } from './baseline.js'
import { EgressBaselineError } from './baseline-error.js'

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
  ])('rejects %s, naming the file and the entry %s', (text, entry, problem) => {
    let error: unknown
    try {
      parseBaseline(text, '/repo/egress-baseline.json')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(EgressBaselineError)
    expect(error).toMatchObject({ code: 'ERR_EGRESS_BASELINE', file: '/repo/egress-baseline.json', entry })
    expect(String((error as Error).message)).toContain(
      `malformed baseline /repo/egress-baseline.json: ${entry}: `,
    )
    expect(String((error as Error).message)).toContain(problem)
  })
})
