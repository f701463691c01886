import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import { isHermetic, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { writeBaseline } from '../src/baseline.js'
import { buildReportFile } from '../src/report-file.js'
import { REPORT_SCHEMA_URL } from '../src/report-file-schema.js'
import { ensureBuilt } from './fixtures/cli/build.js'
import { fixture, runBin } from './fixtures/cli/run-bin.js'
import { schemaErrors } from './fixtures/schemas/validate.js'

vi.setConfig({ testTimeout: 60_000 })
beforeAll(() => ensureBuilt(), 180_000)

const tempDir = () => mkdtempSync(join(tmpdir(), 'egress-schema-'))
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'))

describe('the JSON Schemas shipped in packages/core/schema', () => {
  it('accept a report built by buildReportFile and name it in $schema', () => {
    const file = buildReportFile({
      runId: 'r',
      mode: 'record',
      rules: ['db.test:5432'],
      processes: [],
      children: [],
      attempts: [
        {
          protocol: 'tcp',
          host: 'api.test',
          port: 443,
          verdict: 'recorded',
          reason: 'no rule',
          timestamp: '2026-01-01T00:00:00.000Z',
        },
      ],
    })
    expect(file.$schema).toBe(REPORT_SCHEMA_URL)
    expect(schemaErrors('report', JSON.parse(JSON.stringify(file)))).toEqual([])
  })

  it('reject a report whose attempt has a verdict the format does not know', () => {
    const file = JSON.parse(
      JSON.stringify(
        buildReportFile({
          runId: 'r',
          processes: [],
          children: [],
          attempts: [
            { protocol: 'tcp', host: 'a.test', port: 1, verdict: 'allowed', reason: '', timestamp: 't' },
          ],
        }),
      ),
    )
    file.attempts[0].verdict = 'maybe'
    expect(schemaErrors('report', file).join('\n')).toContain('/attempts/0/verdict')
  })

  it('accept the baseline files writeBaseline writes, and reject a bad destination', () => {
    const path = join(tempDir(), 'egress-baseline.json')
    writeBaseline(
      path,
      new Map([
        ['api', new Set(['db.test:5432', '[::1]:80', 'unix:/var/run/docker.sock'])],
        ['default', new Set(['resolver.test'])],
      ]),
    )
    expect(schemaErrors('baseline', readJson(path))).toEqual([])
    expect(schemaErrors('baseline', { version: 1, projects: { api: ['bad host:1'] } })).toHaveLength(1)
    expect(schemaErrors('baseline', { version: 2, projects: {} })).toHaveLength(1)
  })
})

describe.runIf(isHermetic)('every file the CLI writes validates', () => {
  it('egress-guard run --report, and baseline update from it', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    const dir = tempDir()
    const report = join(dir, 'report.json')
    const script = join(dir, 'two.mjs')
    writeFileSync(
      script,
      [
        `import { connectOnce } from ${JSON.stringify(fixture('connect-lib.mjs'))}`,
        `console.log(await connectOnce(${JSON.stringify(REMOTE_V4)}, ${remote.port}))`,
        `console.log(await connectOnce('127.0.0.1', ${remote.port}))`,
      ].join('\n'),
    )
    const ran = await runBin([
      'run',
      '--mode',
      'record',
      '--stacks',
      'all',
      '--report',
      report,
      '--',
      process.execPath,
      script,
    ])
    expect(ran.code).toBe(0)
    const written = readJson(report)
    expect(written.attempts.length).toBeGreaterThanOrEqual(2)
    expect(written.$schema).toBe(REPORT_SCHEMA_URL)
    expect(schemaErrors('report', written)).toEqual([])
    // The stack is relative to the repository root (this checkout), not absolute.
    expect(written.violations[0].stack).toMatch(
      /^packages\/core\/test\/fixtures\/cli\/connect-lib\.mjs:\d+:\d+$/,
    )

    const baseline = join(dir, 'egress-baseline.json')
    expect((await runBin(['baseline', 'update', report, '--baseline', baseline])).code).toBe(0)
    expect(schemaErrors('baseline', readJson(baseline))).toEqual([])
  })
})
