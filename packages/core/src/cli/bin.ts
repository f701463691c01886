#!/usr/bin/env node
/**
 * The `egress-guard` command. Parses the verb and hands the rest to its command; every expected
 * failure (bad arguments, a malformed report or baseline) is one line on stderr and exit status 2.
 */
import { EgressGuardError } from 'egress-guard'
import { CommandNotFound } from './child.js'
import { baselineCommand } from './commands/baseline.js'
import { diffCommand } from './commands/diff.js'
import { reportCommand } from './commands/report.js'
import { runVerb } from './commands/run.js'
import { SandboxUnavailable, sandboxVerb } from './commands/sandbox.js'
import { HELP } from './help.js'
import { EXIT, UsageError } from './usage-error.js'

const VERBS: Record<string, (args: readonly string[]) => number | Promise<number>> = {
  run: runVerb,
  sandbox: sandboxVerb,
  report: reportCommand,
  diff: diffCommand,
  baseline: baselineCommand,
}

export async function main(argv: readonly string[]): Promise<number> {
  const [verb, ...args] = argv
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    process.stdout.write(`${HELP.main}\n`)
    return verb === undefined ? EXIT.usage : EXIT.ok
  }
  const command = VERBS[verb]
  if (!command)
    throw new UsageError(
      `egress-guard: unknown command ${JSON.stringify(verb)} (expected ${Object.keys(VERBS).join(', ')})`,
    )
  return command(args)
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ')
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof CommandNotFound || error instanceof SandboxUnavailable) {
      process.stderr.write(`${oneLine(error.message)}\n`)
      process.exitCode = error.exitCode
    } else if (error instanceof UsageError || error instanceof EgressGuardError) {
      process.stderr.write(`${oneLine(error.message)}\n`)
      process.exitCode = EXIT.usage
    } else {
      process.stderr.write(
        `egress-guard: internal error: ${error instanceof Error ? error.stack : String(error)}\n`,
      )
      process.exitCode = 70
    }
  },
)
