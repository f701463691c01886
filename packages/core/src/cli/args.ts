/** Command-line parsing on `node:util` parseArgs, with errors that name the verb and the bad argument. */
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { UsageError } from './usage-error.js'

type Options = NonNullable<ParseArgsConfig['options']>

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>
  positionals: string[]
}

/** Parse `args` strictly; every failure becomes a `UsageError` pointing at `--help`. */
export function parseVerbArgs(verb: string, args: readonly string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    })
    return { values: values as Parsed['values'], positionals }
  } catch (error) {
    const message = (error as Error).message.replace(/\.?\s*To specify a positional argument.*$/s, '')
    throw new UsageError(`egress-guard ${verb}: ${message} (see egress-guard ${verb} --help)`)
  }
}

/** Split `[options…] -- command…`: the part before `--` is ours, everything after is the command's. */
export function splitCommand(args: readonly string[]): { own: string[]; command: string[] } {
  const at = args.indexOf('--')
  if (at === -1) return { own: [...args], command: [] }
  return { own: args.slice(0, at), command: args.slice(at + 1) }
}

/** One allowed value, or a `UsageError` listing the choices. */
export function oneOf<T extends string>(
  verb: string,
  flag: string,
  value: unknown,
  choices: readonly T[],
): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T
  throw new UsageError(
    `egress-guard ${verb}: ${flag} must be ${choices.join(', ')}; got ${JSON.stringify(value)}`,
  )
}
