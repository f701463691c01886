/** A bad command line or a bad input file: the CLI prints the message on one line and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Exit codes of the CLI, beyond a wrapped command's own. */
export const EXIT = {
  ok: 0,
  /** Block mode blocked something, or `diff` found new destinations. */
  found: 1,
  usage: 2,
  /** `sandbox` cannot make a network namespace here; the command was not run. */
  noSandbox: 3,
  /** The command to run does not exist. */
  notFound: 127,
} as const
