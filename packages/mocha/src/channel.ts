/**
 * The records channel of a Mocha run: the main process names a directory after itself in
 * `mochaGlobalSetup` and hands it to the processes that run tests (itself, or `--parallel` workers,
 * started after global setup) through the environment.
 */
export const RUNNER = 'mocha'
export const CHANNEL_VARIABLE = 'EGRESS_GUARD_MOCHA_RECORDS'

export function channelOfTestProcess(): string | undefined {
  return process.env[CHANNEL_VARIABLE] || undefined
}
