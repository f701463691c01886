import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { buildReportFile } from '../src/report-file.js'
import { ensureBuilt } from './fixtures/cli/build.js'
import { cleanEnv, runBin } from './fixtures/cli/run-bin.js'

vi.setConfig({ testTimeout: 60_000 })
beforeAll(() => ensureBuilt(), 180_000)

describe('the GitHub job summary of egress-guard report', () => {
  it('appends a section to GITHUB_STEP_SUMMARY, keeping what other steps wrote, with tests and the baseline diff', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egress-summary-'))
    const report = join(dir, 'report.json')
    const attempt = (host: string, test: string) => ({
      protocol: 'tcp' as const,
      host,
      port: 443,
      verdict: 'recorded' as const,
      reason: 'no rule',
      test,
      project: 'api',
      timestamp: '2026-01-01T00:00:00.000Z',
    })
    writeFileSync(
      report,
      JSON.stringify(
        buildReportFile({
          runId: 'r',
          processes: [],
          children: [],
          attempts: [attempt('known.test', 'a > one'), attempt('new.test', 'b > two')],
        }),
      ),
    )
    const baseline = join(dir, 'egress-baseline.json')
    writeFileSync(baseline, JSON.stringify({ version: 1, projects: { api: ['known.test:443'] } }))
    const summary = join(dir, 'step-summary.md')
    writeFileSync(summary, '## an earlier step\n\n')
    const env = cleanEnv({ GITHUB_STEP_SUMMARY: summary })

    const sarif = await runBin(
      ['report', report, '--format', 'sarif', '--baseline', baseline, '-o', join(dir, 'x.sarif')],
      env,
    )
    expect(sarif.stderr).toBe('')
    expect(sarif.code).toBe(0)
    const text = readFileSync(summary, 'utf8')
    expect(text.startsWith('## an earlier step\n\n### egress-guard\n')).toBe(true)
    expect(text).toContain('| `new.test:443` | `api: b > two` |')
    expect(text).toContain('1 new destination(s) not in the baseline:\n\n- `new.test:443`')

    // Markdown on standard output is the caller's to append: the file does not get it twice.
    const markdown = await runBin(['report', report, '--format', 'markdown'], env)
    expect(markdown.stdout).toContain('| `known.test:443` | `api: a > one` |')
    expect(readFileSync(summary, 'utf8')).toBe(text)
  })
})
