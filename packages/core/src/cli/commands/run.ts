/**
 * `egress-guard run [--mode record|block] [--allow RULE]… [--report FILE] [--json] -- <command…>`:
 * the command runs with the preload in every Node process of its tree (through NODE_OPTIONS, which
 * every descendant inherits); each writes its part of the report when it ends, and the CLI prints
 * the summary from the merged file.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  appendToReportFile,
  createPolicy,
  EgressPolicyError,
  nodeOptionsWithPreload,
  readReportFile,
  type UnguardedChild,
} from 'egress-guard'
import { oneOf, parseVerbArgs, splitCommand } from '../args.js'
import { runCommand } from '../child.js'
import { HELP } from '../help.js'
import { renderLines, renderTable } from '../render/formats.js'
import { totals } from '../render/rows.js'
import { EXIT, UsageError } from '../usage-error.js'
import { refusedUrls, topCommandRecord } from './run-command-line.js'

export async function runVerb(args: readonly string[]): Promise<number> {
  const { own, command } = splitCommand(args)
  const { values, positionals } = parseVerbArgs('run', own, {
    mode: { type: 'string', short: 'm' },
    allow: { type: 'string', short: 'a', multiple: true },
    report: { type: 'string', short: 'r' },
    stacks: { type: 'string' },
    json: { type: 'boolean' },
  })
  if (values.help) {
    process.stdout.write(`${HELP.run}\n`)
    return EXIT.ok
  }
  const argv = command.length ? command : positionals
  if (argv.length === 0)
    throw new UsageError('egress-guard run: no command given (egress-guard run [options] -- <command…>)')
  const mode = oneOf('run', '--mode', values.mode ?? 'block', ['block', 'record'] as const)
  const allow = (values.allow as string[] | undefined) ?? []
  const stacks =
    values.stacks === undefined
      ? undefined
      : oneOf('run', '--stacks', values.stacks, ['violations', 'all'] as const)
  const policy = checkedPolicy(allow)

  const [file, ...rest] = argv as [string, ...string[]]
  if (mode === 'block') {
    const refused = refusedUrls(policy, argv)
    if (refused.length) {
      process.stderr.write(
        `egress-guard run: blocked: ${file} is not Node (the guard cannot see inside it) and names ${refused.join(', ')}, which no rule allows; not started. Add --allow, or confine it with egress-guard sandbox.\n`,
      )
      return EXIT.found
    }
  }

  const temporary = values.report ? undefined : mkdtempSync(join(tmpdir(), 'egress-guard-run-'))
  const report = values.report ? resolve(values.report as string) : join(temporary as string, 'report.json')
  const runId = randomUUID()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EGRESS_GUARD_MODE: mode,
    EGRESS_GUARD_ALLOW: allow.join(','),
    EGRESS_GUARD_RUN_REPORT: report,
    EGRESS_GUARD_RUN_ID: runId,
    ...(stacks ? { EGRESS_GUARD_STACKS: stacks } : {}),
    NODE_OPTIONS: nodeOptionsWithPreload(process.env.NODE_OPTIONS),
  }
  const top: UnguardedChild[] = topCommandRecord(file, rest)
  try {
    const end = await runCommand(file, rest, env)
    // Make sure the file exists and belongs to this run, even when no Node process wrote to it.
    appendToReportFile(report, { runId, mode, rules: allow, processes: [], attempts: [], children: top })
    const merged = readReportFile(report)
    const sum = totals(merged)
    if (values.json) {
      const summary = {
        exitCode: end.code,
        ...sum,
        destinations: merged.destinations,
        children: merged.children,
      }
      process.stderr.write(`${JSON.stringify(summary)}\n`)
    } else process.stderr.write(process.stderr.isTTY ? renderTable(merged) : renderLines(merged))
    if (mode === 'block' && sum.blocked > 0 && end.code === 0) return EXIT.found
    return end.code
  } finally {
    if (temporary) rmSync(temporary, { recursive: true, force: true })
  }
}

function checkedPolicy(allow: readonly string[]) {
  for (const rule of allow) {
    if (rule.includes(',')) {
      throw new UsageError(
        `egress-guard run: --allow ${JSON.stringify(rule)} contains a comma; pass one rule per --allow`,
      )
    }
  }
  try {
    return createPolicy({ allow })
  } catch (error) {
    if (error instanceof EgressPolicyError) throw new UsageError(`egress-guard run: ${error.message}`)
    throw error
  }
}
