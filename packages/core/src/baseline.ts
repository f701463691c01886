/**
 * The baseline file, `egress-baseline.json`: the destinations each project is known to reach
 * without an allow rule, sorted so that a change reads well in a diff, and validated strictly so
 * that a bad edit fails the run instead of silently checking nothing. The one reader and writer of
 * the format: the CLI (`egress-guard diff`, `egress-guard baseline update`) and `@egress-guard/vitest`
 * (plugin, worker, reporter) both use it (ADR 0017).
 *
 *   { "version": 1, "projects": { "default": ["api.example.test:443", "unix:/var/run/docker.sock"] } }
 *
 * A run that is not split into projects (the CLI, the preload) uses the project `default`.
 */
import { readFileSync } from 'node:fs'
import { EgressBaselineError } from './baseline-error.js'
import { writeFileAtomically } from './report-file.js'

export const BASELINE_VERSION = 1
export const DEFAULT_PROJECT = 'default'

/** Project name → known destinations (`host:port`, `[v6]:port`, `host` for DNS, `unix:/path`). */
export type Baseline = Map<string, Set<string>>

const TOP_LEVEL_KEYS = new Set(['version', 'projects', '$comment'])
const DESTINATION = /^(?:unix:\/\S*|\[[0-9a-f:.%]+\](?::\d{1,5})?|[^\s:/[\]]+(?::\d{1,5})?)$/i

/** Read a baseline; a missing file is an empty baseline (every destination is new). */
export function readBaseline(file: string): Baseline {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map()
    throw new EgressBaselineError(file, '(file)', `cannot be read (${(error as Error).message})`, {
      cause: error,
    })
  }
  return parseBaseline(text, file)
}

export function parseBaseline(text: string, file: string): Baseline {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    throw new EgressBaselineError(file, '(file)', `is not JSON (${(error as Error).message})`, {
      cause: error,
    })
  }
  if (!isRecord(document)) throw new EgressBaselineError(file, '(file)', 'must be a JSON object')
  for (const key of Object.keys(document)) {
    if (!TOP_LEVEL_KEYS.has(key)) {
      throw new EgressBaselineError(file, key, 'unknown key (expected "version" and "projects")')
    }
  }
  if (document.version !== BASELINE_VERSION) {
    throw new EgressBaselineError(
      file,
      'version',
      `must be ${BASELINE_VERSION}, got ${JSON.stringify(document.version)}`,
    )
  }
  const projects = document.projects
  if (!isRecord(projects)) {
    throw new EgressBaselineError(file, 'projects', 'must be an object of project name → destination list')
  }
  const baseline: Baseline = new Map()
  for (const [project, list] of Object.entries(projects)) {
    const where = `projects[${JSON.stringify(project)}]`
    if (!Array.isArray(list)) throw new EgressBaselineError(file, where, 'must be an array of destinations')
    const destinations = new Set<string>()
    list.forEach((entry: unknown, index) => {
      destinations.add(checkDestination(entry, file, `${where}[${index}]`))
    })
    baseline.set(project, destinations)
  }
  return baseline
}

function checkDestination(entry: unknown, file: string, where: string): string {
  if (typeof entry !== 'string' || !DESTINATION.test(entry)) {
    throw new EgressBaselineError(
      file,
      where,
      `${JSON.stringify(entry)} is not a destination ("host:port", "[v6]:port", "host" or "unix:/path")`,
    )
  }
  const port = /:(\d+)$/.exec(entry)?.[1]
  if (port !== undefined && !entry.startsWith('unix:') && Number(port) > 65535) {
    throw new EgressBaselineError(file, where, `${JSON.stringify(entry)} has a port above 65535`)
  }
  return entry
}

/** The file's text: projects and destinations sorted, one destination per line. */
export function formatBaseline(baseline: Baseline): string {
  const projects: Record<string, string[]> = {}
  for (const name of [...baseline.keys()].sort()) projects[name] = [...(baseline.get(name) ?? [])].sort()
  return `${JSON.stringify({ version: BASELINE_VERSION, projects }, null, 2)}\n`
}

/** Write atomically (temporary file, then rename), so a crash never leaves half a baseline. */
export function writeBaseline(file: string, baseline: Baseline): void {
  writeFileAtomically(file, formatBaseline(baseline))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
