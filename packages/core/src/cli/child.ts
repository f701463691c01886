/**
 * Running the wrapped command: stdio inherited, SIGINT/SIGTERM/SIGHUP sent to the CLI passed on to
 * it, and its ending turned into the exit status a shell would report (128 + signal number).
 */
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { EXIT, UsageError } from './usage-error.js'

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

export interface CommandEnd {
  code: number
  signal: NodeJS.Signals | null
}

export function runCommand(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<CommandEnd> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'inherit', env })
    const forward = (signal: NodeJS.Signals) => {
      child.kill(signal)
    }
    for (const signal of FORWARDED) process.on(signal, forward)
    const done = () => {
      for (const signal of FORWARDED) process.removeListener(signal, forward)
    }
    child.on('error', (error: NodeJS.ErrnoException) => {
      done()
      if (error.code === 'ENOENT') reject(new CommandNotFound(file))
      else reject(new UsageError(`egress-guard: cannot start ${JSON.stringify(file)}: ${error.message}`))
    })
    child.on('exit', (code, signal) => {
      done()
      const number = signal ? (constants.signals[signal] ?? 0) : 0
      resolve({ code: signal ? 128 + number : (code ?? 1), signal })
    })
  })
}

export class CommandNotFound extends Error {
  readonly exitCode = EXIT.notFound
  constructor(readonly file: string) {
    super(`egress-guard: command not found: ${JSON.stringify(file)}`)
  }
}
