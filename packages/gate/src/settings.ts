/**
 * The gate's settings, from the three places a user can put them, in the precedence every entry
 * point uses: explicit option > environment variable > config file > default. `EGRESS_GUARD_MODE=off`
 * is the one exception: it turns the guard off whatever the options say (the kill switch CI and
 * `egress-guard run` rely on). `EGRESS_GUARD_ALLOW` adds rules rather than replacing them: a guarded
 * parent process passes its own rules to its children this way.
 */
import { isAbsolute, resolve } from 'node:path'
import { type GateMode, type LoadedConfig, loadConfigFile } from './config-file.js'

export type { GateMode }

/** What a runner integration takes as options (and what the config file holds). */
export interface GateOptions {
  mode?: GateMode | undefined
  allow?: readonly string[] | undefined
  allowLoopback?: boolean | undefined
  /** JSON report path, relative to the root. */
  report?: string | undefined
  /** Baseline path, relative to the root. */
  baseline?: string | undefined
}

/** Plain-data settings, the same in every process of a run. */
export interface GateSettings {
  mode: GateMode
  allow: string[]
  allowLoopback: boolean
  /** Absolute path of the JSON report, when one is configured. */
  report: string | undefined
  /** Absolute path of the baseline, when one is configured. */
  baseline: string | undefined
  /** `EGRESS_GUARD_UPDATE=1`: the baseline is being rewritten, new destinations do not fail tests. */
  update: boolean
  /** The config file the settings came from, if any (for messages). */
  configFile: string | undefined
}

const MODES: readonly GateMode[] = ['block', 'record', 'off']

/** A mode from a user, or `undefined` when unset; anything else throws, naming where it came from. */
export function parseMode(value: unknown, source: string): GateMode | undefined {
  if (value === undefined || value === '') return undefined
  const mode = typeof value === 'string' ? value.trim().toLowerCase() : value
  if (MODES.includes(mode as GateMode)) return mode as GateMode
  throw new TypeError(
    `egress-guard: ${source} must be "block", "record" or "off", got ${JSON.stringify(value)}`,
  )
}

/** A comma list of rules, blanks dropped. */
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

export interface ResolveSettingsInput {
  /** Explicit options (a plugin's, a runner's); they win over everything but `EGRESS_GUARD_MODE=off`. */
  options?: GateOptions | undefined
  env?: NodeJS.ProcessEnv | undefined
  /** Where relative paths resolve and the config file is looked for. Default: `process.cwd()`. */
  root?: string | undefined
  /** A config already loaded (skips the file lookup), or `false` to ignore config files. */
  config?: LoadedConfig | false | undefined
}

export function resolveSettings(input: ResolveSettingsInput = {}): GateSettings {
  const env = input.env ?? process.env
  const root = input.root ?? process.cwd()
  const options = input.options ?? {}
  const loaded = input.config === undefined ? loadConfigFile(root) : input.config || undefined
  const file = loaded?.config ?? {}
  const envMode = parseMode(env.EGRESS_GUARD_MODE, 'EGRESS_GUARD_MODE')
  const optionMode = parseMode(options.mode, 'mode')
  const mode = envMode === 'off' ? 'off' : (optionMode ?? envMode ?? file.mode ?? 'block')
  const path = (value: string | undefined) => {
    const trimmed = value?.trim()
    if (!trimmed) return undefined
    return isAbsolute(trimmed) ? trimmed : resolve(root, trimmed)
  }
  return {
    mode,
    allow: [...(options.allow ?? file.allow ?? []), ...parseAllowList(env.EGRESS_GUARD_ALLOW)],
    allowLoopback: options.allowLoopback ?? file.allowLoopback ?? true,
    report: path(options.report ?? env.EGRESS_GUARD_REPORT ?? file.report),
    baseline: path(options.baseline ?? env.EGRESS_GUARD_BASELINE ?? file.baseline),
    update: isUpdateRequested(env),
    configFile: loaded?.file,
  }
}
