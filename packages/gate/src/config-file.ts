/**
 * The one config file: `egress-guard.config.json` at the project root, or an `"egressGuard"` key in
 * its `package.json`. Found by lilconfig (no hand-written discovery), validated here: a malformed
 * file is one error that names the file and the key.
 */
import { createPolicy } from 'egress-guard'
import { lilconfigSync } from 'lilconfig'

/** `block` fails disallowed connections, `record` lets them through and reports them, `off` gates nothing. */
export type GateMode = 'block' | 'record' | 'off'

export interface EgressGuardConfig {
  mode?: GateMode
  allow?: string[]
  allowLoopback?: boolean
  report?: string
  baseline?: string
}

export interface LoadedConfig {
  file: string
  config: EgressGuardConfig
}

export class EgressConfigError extends Error {
  readonly code = 'ERR_EGRESS_CONFIG'
  readonly file: string
  readonly key: string | undefined

  constructor(file: string, key: string | undefined, problem: string) {
    super(`egress-guard: ${file}${key ? `: "${key}"` : ''} ${problem}`)
    this.name = 'EgressConfigError'
    this.file = file
    this.key = key
  }
}

const SEARCH_PLACES = ['egress-guard.config.json', 'package.json']

/** The config at `root` (not above it), or `undefined` when there is none. */
export function loadConfigFile(root: string): LoadedConfig | undefined {
  let found: { filepath: string; config: unknown } | null
  try {
    found = lilconfigSync('egressGuard', { searchPlaces: SEARCH_PLACES, stopDir: root }).search(root)
  } catch (error) {
    const file = (error as { filepath?: string }).filepath ?? `${root}/egress-guard.config.json`
    throw new EgressConfigError(file, undefined, `is not valid JSON: ${(error as Error).message}`)
  }
  if (!found) return undefined
  return { file: found.filepath, config: validConfig(found.filepath, found.config) }
}

/** Check every key of a parsed config; the first problem throws, naming the file and the key. */
export function validConfig(file: string, value: unknown): EgressGuardConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new EgressConfigError(file, undefined, `must hold an object, got ${JSON.stringify(value)}`)
  const config = value as Record<string, unknown>
  for (const [key, entry] of Object.entries(config)) {
    const problem = problemOf(key, entry)
    if (problem) throw new EgressConfigError(file, key, problem)
  }
  return config as EgressGuardConfig
}

function problemOf(key: string, value: unknown): string | undefined {
  switch (key) {
    case '$schema':
      return typeof value === 'string' ? undefined : 'must be a string'
    case 'mode':
      return ['block', 'record', 'off'].includes(value as string)
        ? undefined
        : `must be "block", "record" or "off", got ${JSON.stringify(value)}`
    case 'allow':
      if (!Array.isArray(value) || !value.every((rule) => typeof rule === 'string'))
        return `must be an array of rule strings, got ${JSON.stringify(value)}`
      try {
        createPolicy({ allow: value })
        return undefined
      } catch (error) {
        return `has a bad rule: ${(error as Error).message}`
      }
    case 'allowLoopback':
      return typeof value === 'boolean' ? undefined : `must be true or false, got ${JSON.stringify(value)}`
    case 'report':
    case 'baseline':
      return typeof value === 'string' && value.trim() !== ''
        ? undefined
        : `must be a file path, got ${JSON.stringify(value)}`
    default:
      return 'is not a known key (known: mode, allow, allowLoopback, report, baseline)'
  }
}
