import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { startCountingServer } from '../../../test-support/counting-server.js'
import { isHermetic, OTHER_V4, REMOTE_V4 } from '../../../test-support/hermetic.js'
import { ensureBuilt } from './fixtures/cli/build.js'
import { fixture, runBin } from './fixtures/cli/run-bin.js'

// Every test starts real processes: allow for a busy CI machine.
vi.setConfig({ testTimeout: 60_000 })
beforeAll(() => ensureBuilt(), 180_000)

const node = process.execPath
const tempDir = () => mkdtempSync(join(tmpdir(), 'egress-cli-report-'))

/** A real report: `egress-guard run --mode record` of a script that connects to each of `targets`. */
async function recordedReport(
  dir: string,
  name: string,
  targets: { host: string; port: number }[],
): Promise<string> {
  const report = join(dir, name)
  const script = join(dir, `${name}.mjs`)
  const lines = targets.map((t) => `console.log(await connectOnce(${JSON.stringify(t.host)}, ${t.port}))`)
  writeFileSync(
    script,
    [`import { connectOnce } from ${JSON.stringify(fixture('connect-lib.mjs'))}`, ...lines].join('\n'),
  )
  const ran = await runBin(['run', '--mode', 'record', '--report', report, '--', node, script])
  expect(ran.code).toBe(0)
  return report
}

describe.runIf(isHermetic)('report, diff and baseline on recorded runs', () => {
  it('renders a report as lines, a table, JSON, Markdown and GitHub annotations', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    const dir = tempDir()
    const report = await recordedReport(dir, 'r.json', [{ host: REMOTE_V4, port: remote.port }])
    const destination = `${REMOTE_V4}:${remote.port}`

    const lines = await runBin(['report', report])
    expect(lines.stdout).toMatch(
      new RegExp(`^recorded ${destination} tcp x1 at .*connect-lib\\.mjs:\\d+:`, 'm'),
    )

    const table = await runBin(['report', report, '--format', 'table'])
    expect(table.stdout).toMatch(new RegExp(`│ ${destination}\\s+│ tcp\\s+│ recorded │ 1\\s+│`))

    const json = await runBin(['report', report, '--json'])
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(readFileSync(report, 'utf8')))

    const markdown = await runBin(['report', report, '--format', 'markdown'])
    expect(markdown.stdout).toContain(`| \`${destination}\` | tcp | recorded | 1 |`)

    const github = await runBin(['report', report, '--format', 'github'])
    expect(github.stdout).toMatch(
      new RegExp(
        `^::warning file=.*connect-lib\\.mjs,line=\\d+,col=\\d+,title=egress-guard::recorded tcp egress to ${destination}`,
        'm',
      ),
    )
  })

  it('updates a sorted baseline, then diff exits 1 naming only the new destination', async () => {
    await using remote = await startCountingServer(REMOTE_V4)
    await using other = await startCountingServer(OTHER_V4)
    const dir = tempDir()
    const known = await recordedReport(dir, 'known.json', [{ host: REMOTE_V4, port: remote.port }])
    const later = await recordedReport(dir, 'later.json', [
      { host: REMOTE_V4, port: remote.port },
      { host: OTHER_V4, port: other.port },
    ])
    const baseline = join(dir, 'egress-baseline.json')

    const updated = await runBin(['baseline', 'update', known, '--baseline', baseline])
    expect(updated.code).toBe(0)
    expect(JSON.parse(readFileSync(baseline, 'utf8'))).toEqual({
      version: 1,
      projects: { default: [`${REMOTE_V4}:${remote.port}`] },
    })

    const same = await runBin(['diff', baseline, known])
    expect(same.code).toBe(0)
    expect(same.stdout).toContain('no new destinations')

    const diff = await runBin(['diff', baseline, later])
    expect(diff.code).toBe(1)
    expect(diff.stdout).toMatch(
      new RegExp(`^new destination: ${OTHER_V4}:${other.port} \\(first at .*connect-lib\\.mjs:\\d+:`, 'm'),
    )
    expect(diff.stdout).not.toContain(`new destination: ${REMOTE_V4}`)

    const asJson = await runBin(['diff', baseline, later, '--json'])
    expect(JSON.parse(asJson.stdout)).toEqual({
      new: [`${OTHER_V4}:${other.port}`],
      known: [`${REMOTE_V4}:${remote.port}`],
    })

    // A report can serve as the baseline too.
    expect((await runBin(['diff', later, known])).code).toBe(0)

    await runBin(['baseline', 'update', later, '--baseline', baseline])
    const entries = JSON.parse(readFileSync(baseline, 'utf8')).projects.default as string[]
    expect(entries).toEqual([...entries].sort())
    expect(entries).toHaveLength(2)
  })
})

describe('report, diff and baseline inputs', () => {
  const attempt = (host: string, port: number, verdict: string) => ({
    protocol: 'tcp',
    host,
    port,
    verdict,
    reason: 'fixture',
    timestamp: '2026-01-01T00:00:00.000Z',
  })

  it('compares and updates per project when the attempts carry one (as the Vitest reporter writes them)', async () => {
    const dir = tempDir()
    const vitestReport = join(dir, 'vitest-report.json')
    writeFileSync(
      vitestReport,
      JSON.stringify({
        egressGuardReport: 1,
        projects: ['api'],
        attempts: [
          { ...attempt('api.example.test', 443, 'recorded'), project: 'api', test: 'calls' },
          { ...attempt('127.0.0.1', 5432, 'allowed'), project: 'api' },
        ],
      }),
    )
    const baseline = join(dir, 'egress-baseline.json')
    writeFileSync(baseline, JSON.stringify({ version: 1, projects: { api: [] } }))
    const diff = await runBin(['diff', baseline, vitestReport])
    expect(diff.code).toBe(1)
    expect(diff.stdout).toContain('new destination: api.example.test:443')
    await runBin(['baseline', 'update', vitestReport, '--baseline', baseline])
    expect(JSON.parse(readFileSync(baseline, 'utf8')).projects).toEqual({ api: ['api.example.test:443'] })
  })

  it('answers a malformed report or baseline with one line naming the problem, and exit 2', async () => {
    const dir = tempDir()
    const write = (name: string, text: string) => {
      const path = join(dir, name)
      writeFileSync(path, text)
      return path
    }
    const good = write('good.json', JSON.stringify({ attempts: [attempt('127.0.0.1', 1, 'allowed')] }))
    const cases: [string[], RegExp][] = [
      [['report', write('not-json.json', '{ nope')], /not-json\.json: not JSON/],
      [['report', write('no-attempts.json', '{}')], /no "attempts" array/],
      [
        ['report', write('bad-verdict.json', JSON.stringify({ attempts: [attempt('h', 1, 'maybe')] }))],
        /attempts\[0\]\.verdict/,
      ],
      [['report', join(dir, 'missing.json')], /missing\.json: no such file/],
      [
        ['report', good, '--format', 'pdf'],
        /--format must be table, lines, json, markdown, github, sarif; got "pdf"/,
      ],
      [
        ['diff', write('bad-baseline.json', '{"version":2,"projects":{}}'), good],
        /malformed baseline .*bad-baseline\.json: version: must be 1, got 2/,
      ],
      [
        ['diff', write('big-port.json', '{"version":1,"projects":{"default":["h.test:70000"]}}'), good],
        /big-port\.json: projects\["default"\]\[0\]: "h\.test:70000" has a port above 65535/,
      ],
      [['diff', join(dir, 'no-baseline.json'), good], /no-baseline\.json: \(file\): no such file/],
      [
        [
          'baseline',
          'update',
          good,
          '--baseline',
          write('extra-key.json', '{"version":1,"projects":{},"x":1}'),
        ],
        /extra-key\.json: x: unknown key/,
      ],
      [['diff', good], /expected BASELINE and REPORT/],
      [['baseline', 'remove'], /expected "update \[REPORT\]"/],
    ]
    for (const [args, message] of cases) {
      const ran = await runBin(args)
      expect(ran.code, args.join(' ')).toBe(2)
      expect(ran.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1)
      expect(ran.stderr, args.join(' ')).toMatch(message)
    }
  })
})
