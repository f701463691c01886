/**
 * The records channel of a Jest run: the reporter, constructed in the main process before any
 * worker starts, names a directory after that process and hands it to the workers (and to itself,
 * with `--runInBand`) through the environment.
 */
export const RUNNER = 'jest'
export const CHANNEL_VARIABLE = 'EGRESS_GUARD_JEST_RECORDS'

export function channelOfTestProcess(): string | undefined {
  return process.env[CHANNEL_VARIABLE] || undefined
}
