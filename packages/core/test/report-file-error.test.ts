import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EgressBaselineError } from '../src/baseline-error.js'
import { EgressGuardError, EgressPolicyError } from '../src/errors.js'
import { ReportFileError, readReportFile } from '../src/report-file.js'

describe('ReportFileError', () => {
  it('has its own code, and is an EgressGuardError', () => {
    const error = new ReportFileError('/tmp/r.json', 'not JSON')
    expect(error.code).toBe('ERR_EGRESS_REPORT_FILE')
    expect(error).toBeInstanceOf(ReportFileError)
    expect(error).toBeInstanceOf(EgressGuardError)
  })

  it('is not matched by other egress-guard errors', () => {
    const others = [
      new EgressGuardError('plain'),
      new EgressPolicyError('bad rule', 'no'),
      new EgressBaselineError('/tmp/b.json', '(file)', 'no such file'),
    ]
    expect(others).toHaveLength(3)
    for (const other of others) expect(other instanceof ReportFileError).toBe(false)
  })

  it('is what reading a missing report throws', () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'egress-report-error-')), 'none.json')
    expect(() => readReportFile(missing)).toThrow(expect.objectContaining({ code: 'ERR_EGRESS_REPORT_FILE' }))
  })
})
