/**
 * A baseline file that cannot be trusted: the message names the file and the offending entry.
 *
 *   egress-guard: malformed baseline /repo/egress-baseline.json: projects["api"][1]: "bad host:1" is not a destination
 *
 * Thrown by the one baseline parser, for the CLI and for `@egress-guard/vitest` alike. An
 * EgressGuardError, so `instanceof` holds across two loaded copies of the package.
 */
import { EgressGuardError } from './errors.js'

export class EgressBaselineError extends EgressGuardError {
  static override readonly errorCode = 'ERR_EGRESS_BASELINE' as const
  /** The baseline file. */
  readonly file: string
  /** Where in the file: `projects["core"][2]`, or `(file)` for the whole document. */
  readonly entry: string

  constructor(file: string, entry: string, problem: string, options?: { cause?: unknown }) {
    super(`egress-guard: malformed baseline ${file}: ${entry}: ${problem}`, 'ERR_EGRESS_BASELINE', options)
    this.file = file
    this.entry = entry
  }
}
