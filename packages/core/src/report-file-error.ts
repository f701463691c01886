/**
 * A report file that cannot be read: missing, not JSON, or a field of the wrong kind. The message is
 * one line and names the file and the bad field. Its own code, so `instanceof ReportFileError` holds
 * for this error only (the brand check of `EgressGuardError` compares codes).
 */
import { EgressGuardError } from './errors.js'

export class ReportFileError extends EgressGuardError {
  static override readonly errorCode = 'ERR_EGRESS_REPORT_FILE' as const

  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`egress-guard: cannot read report ${path}: ${problem}`, 'ERR_EGRESS_REPORT_FILE')
  }
}
