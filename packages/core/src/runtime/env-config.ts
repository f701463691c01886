/**
 * The preload's configuration, read from the environment: `EGRESS_GUARD_MODE`, `EGRESS_GUARD_ALLOW`
 * (comma list), `EGRESS_GUARD_REPORT` (path of the JSON report), `EGRESS_GUARD_STACKS` and `EGRESS_GUARD_RUN_ID` (shared by
 * every process of one run, so they merge into one report).
 */
import { resolve } from 'node:path'
import { type GuardMode, resolveMode, resolveStacks, type StackCapture } from '../guard/options.js'

export interface EnvConfig {
  mode: GuardMode
  allow: string[]
  /** Absolute path of the report file, when one is asked for. */
  report: string | undefined
  /** The variable the report path came from, and that carries it on to children. */
  reportVariable: typeof ENV.report | typeof ENV.runReport
  runId: string
  /** Which attempts carry a stack frame (`EGRESS_GUARD_STACKS`); the guard's default when unset. */
  stacks: StackCapture | undefined
}

export const ENV = {
  mode: 'EGRESS_GUARD_MODE',
  allow: 'EGRESS_GUARD_ALLOW',
  report: 'EGRESS_GUARD_REPORT',
  /**
   * Set by `egress-guard run`, and preferred to EGRESS_GUARD_REPORT: the Vitest reporter also writes
   * its own run report to EGRESS_GUARD_REPORT, so `egress-guard run -- vitest` must not share it.
   */
  runReport: 'EGRESS_GUARD_RUN_REPORT',
  runId: 'EGRESS_GUARD_RUN_ID',
  stacks: 'EGRESS_GUARD_STACKS',
  /** `dns` option (`judge` or `resolve`); read by every scope when the option is not given. */
  dns: 'EGRESS_GUARD_DNS',
} as const

/** Split a comma list of rules, dropping blanks. */
export function parseAllowList(value: string | undefined): string[] {
  if (!value) return []
  return value
    .split(',')
    .map((rule) => rule.trim())
    .filter((rule) => rule !== '')
}

/** Read the configuration; an invalid mode throws `EgressPolicyError` naming it. */
export function readEnvConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const runReport = env[ENV.runReport]?.trim()
  const report = runReport || env[ENV.report]?.trim()
  return {
    mode: resolveMode(undefined, env),
    allow: parseAllowList(env[ENV.allow]),
    report: report ? resolve(report) : undefined,
    reportVariable: runReport ? ENV.runReport : ENV.report,
    // node:crypto on first use only: importing it costs every process that loads the guard 2-3 ms.
    runId: env[ENV.runId]?.trim() || process.getBuiltinModule('node:crypto').randomUUID(),
    stacks: env[ENV.stacks]?.trim() ? resolveStacks(env[ENV.stacks]?.trim()) : undefined,
  }
}

/** The variables that carry `config` to another process. */
export function envOf(config: EnvConfig): Record<string, string> {
  const vars: Record<string, string> = {
    [ENV.mode]: config.mode,
    [ENV.allow]: config.allow.join(','),
    [ENV.runId]: config.runId,
  }
  if (config.report !== undefined) vars[config.reportVariable] = config.report
  if (config.stacks !== undefined) vars[ENV.stacks] = config.stacks
  return vars
}
