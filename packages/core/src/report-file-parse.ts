/**
 * Parsing and validating a report file. Accepts every document with an `attempts` array: the files
 * the preload, the CLI and the Vitest reporter write (all through `buildReportFile`), and the plain
 * `EgressReport#toJSON()` shape. Errors are one line and name the file and the bad field.
 */
import { EgressReport } from './report.js'
import { ReportFileError } from './report-file-error.js'
import type { EgressReportFile, FileAttempt } from './report-file-format.js'
import { REPORT_SCHEMA_URL } from './report-file-schema.js'

const PROTOCOLS = new Set(['tcp', 'tls', 'http', 'udp', 'dns', 'unix'])
const VERDICTS = new Set(['allowed', 'blocked', 'recorded'])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function checkAttempt(value: unknown, where: string, path: string): FileAttempt {
  if (!isRecord(value)) throw new ReportFileError(path, `${where} must be an object`)
  const fail = (field: string, expected: string) => {
    throw new ReportFileError(
      path,
      `${where}.${field} must be ${expected}, got ${JSON.stringify(value[field])}`,
    )
  }
  if (typeof value.protocol !== 'string' || !PROTOCOLS.has(value.protocol))
    fail('protocol', [...PROTOCOLS].join('|'))
  if (typeof value.verdict !== 'string' || !VERDICTS.has(value.verdict))
    fail('verdict', 'allowed|blocked|recorded')
  if (value.host !== undefined && typeof value.host !== 'string') fail('host', 'a string')
  if (value.port !== undefined && !Number.isInteger(value.port)) fail('port', 'an integer')
  if (value.path !== undefined && typeof value.path !== 'string') fail('path', 'a string')
  if (value.host === undefined && value.address === undefined && value.path === undefined) {
    throw new ReportFileError(path, `${where} names no host, address or path`)
  }
  if (typeof value.timestamp !== 'string') fail('timestamp', 'an ISO time string')
  if (typeof value.reason !== 'string') value.reason = ''
  return value as unknown as FileAttempt
}

function arrayOf<T>(value: unknown, field: string, path: string): T[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new ReportFileError(path, `"${field}" must be an array`)
  return value as T[]
}

export function parseReportFile(text: string, path: string): EgressReportFile {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new ReportFileError(path, `not JSON (${(error as Error).message})`)
  }
  if (!isRecord(data)) throw new ReportFileError(path, 'the top level must be an object')
  if (!Array.isArray(data.attempts)) throw new ReportFileError(path, 'it has no "attempts" array')
  const attempts = data.attempts.map((a, i) => checkAttempt(a, `attempts[${i}]`, path))
  const report = new EgressReport()
  for (const attempt of attempts) report.add(attempt)
  const file: EgressReportFile = {
    $schema: REPORT_SCHEMA_URL,
    egressGuardReport: 1,
    runId: typeof data.runId === 'string' ? data.runId : '',
    processes: arrayOf(data.processes, 'processes', path),
    children: arrayOf(data.children, 'children', path),
    attempts,
    violations: attempts.filter((a) => a.verdict !== 'allowed'),
    destinations: report.destinations(),
  }
  if (Array.isArray(data.projects) && data.projects.every((p) => typeof p === 'string'))
    file.projects = data.projects
  if (typeof data.mode === 'string') file.mode = data.mode
  if (Array.isArray(data.rules)) file.rules = data.rules.map(String)
  return file
}
