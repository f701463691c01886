/**
 * The integration's settings: what the plugin takes, what the bare setup file reads from the
 * environment, and the plain-data form that travels from the main process to the workers.
 */
import { isAbsolute, resolve } from 'node:path'

export type VitestGuardMode = 'block' | 'record' | 'off'

export interface EgressGuardPluginOptions {
  /** `block` (default) fails disallowed connections; `record` lets them through and reports them; `off` gates nothing. */
  mode?: VitestGuardMode | undefined
  /** Allow rules for every test (the egress-guard rule grammar: `host:port`, `*.suffix`, CIDR, URL, `unix:`). */
  allow?: readonly string[] | undefined
  /** Admit loopback destinations. Default true. */
  allowLoopback?: boolean | undefined
  /** Path of the JSON report written at the end of the run (relative to the project root). */
  report?: string | undefined
  /** Path of the baseline file (relative to the project root): known destinations per project. */
  baseline?: string | undefined
}

/** Serialisable settings handed to every worker (`test.provide`) or read from the environment. */
export interface GateSettings {
  mode: VitestGuardMode
  allow: string[]
  allowLoopback: boolean
  /** Absolute path of the baseline, when one is configured. */
  baseline: string | undefined
  /** `EGRESS_GUARD_UPDATE=1`: the baseline is being rewritten, new destinations do not fail tests. */
  update: boolean
}

/** Key of the provided context (`inject(PROVIDE_KEY)`) that carries the plugin's settings. */
export const PROVIDE_KEY = 'egressGuard.settings.v1'

const MODES: readonly VitestGuardMode[] = ['block', 'record', 'off']

export function parseMode(value: unknown, source: string): VitestGuardMode | undefined {
  if (value === undefined || value === '') return undefined
  const mode = typeof value === 'string' ? value.trim().toLowerCase() : value
  if (MODES.includes(mode as VitestGuardMode)) return mode as VitestGuardMode
  throw new TypeError(
    `egress-guard: ${source} must be "block", "record" or "off", got ${JSON.stringify(value)}`,
  )
}

/** Split a comma list of rules, dropping blanks. */
export function parseAllowList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((rule) => rule.trim())
    .filter((rule) => rule !== '')
}

export function isUpdateRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.EGRESS_GUARD_UPDATE?.trim().toLowerCase()
  return value === '1' || value === 'true'
}

/** Settings from the environment alone: the bare `setupFiles: ['@egress-guard/vitest/setup']` form. */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): GateSettings {
  const baseline = env.EGRESS_GUARD_BASELINE?.trim()
  return {
    mode: parseMode(env.EGRESS_GUARD_MODE, 'EGRESS_GUARD_MODE') ?? 'block',
    allow: parseAllowList(env.EGRESS_GUARD_ALLOW),
    allowLoopback: true,
    baseline: baseline ? resolvePath(root, baseline) : undefined,
    update: isUpdateRequested(env),
  }
}

/**
 * Plugin options merged with the environment, in the order egress-guard uses everywhere:
 * `EGRESS_GUARD_MODE=off` wins, then the `mode` option, then `EGRESS_GUARD_MODE`, then `block`.
 * `EGRESS_GUARD_ALLOW` adds rules (a guarded parent process passes its own rules this way).
 */
export function settingsFromOptions(
  options: EgressGuardPluginOptions,
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): GateSettings {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`egress-guard: plugin options must be an object, got ${String(options)}`)
  }
  const allow = options.allow ?? []
  if (!Array.isArray(allow) || allow.some((rule) => typeof rule !== 'string')) {
    throw new TypeError(`egress-guard: allow must be an array of rule strings, got ${JSON.stringify(allow)}`)
  }
  return {
    mode: modeOf(parseMode(env.EGRESS_GUARD_MODE, 'EGRESS_GUARD_MODE'), parseMode(options.mode, 'mode')),
    allow: [...allow, ...parseAllowList(env.EGRESS_GUARD_ALLOW)],
    allowLoopback: options.allowLoopback ?? true,
    baseline: options.baseline ? resolvePath(root, options.baseline) : settingsFromEnv(env, root).baseline,
    update: isUpdateRequested(env),
  }
}

function modeOf(fromEnv: VitestGuardMode | undefined, option: VitestGuardMode | undefined): VitestGuardMode {
  if (fromEnv === 'off') return 'off'
  return option ?? fromEnv ?? 'block'
}

export function resolvePath(root: string, path: string): string {
  return isAbsolute(path) ? path : resolve(root, path)
}
