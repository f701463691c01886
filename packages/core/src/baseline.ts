/**
 * The baseline file, `egress-baseline.json`: the destinations each project is known to reach
 * without an allow rule, sorted so that a change reads well in a diff. The same format the Vitest
 * reporter reads and writes (`@egress-guard/vitest`), so `egress-guard diff` and
 * `egress-guard baseline update` work on either:
 *
 *   { "version": 1, "projects": { "default": ["api.example.test:443", "unix:/var/run/docker.sock"] } }
 *
 * A run that is not split into projects (the CLI, the preload) uses the project `default`.
 */
import { readFileSync } from 'node:fs'
import { EgressGuardError } from './errors.js'
import { destinationKey, type EgressAttempt } from './report.js'
import { writeFileAtomically } from './report-file.js'

export const BASELINE_VERSION = 1
export const DEFAULT_PROJECT = 'default'

/** Project name → known destinations (`host:port`, `[v6]:port`, `host` for DNS, `unix:/path`). */
export type Baseline = Map<string, Set<string>>

export class BaselineFileError extends EgressGuardError {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`egress-guard: baseline ${path}: ${problem}`)
  }
}

const DESTINATION = /^(?:unix:\/\S*|\[[0-9a-f:.%]+\](?::\d{1,5})?|[^\s:/[\]]+(?::\d{1,5})?)$/i

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Read a baseline; a missing file is an empty baseline (every destination is new). */
export function readBaseline(path: string): Baseline {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map()
    throw new BaselineFileError(path, `cannot be read (${(error as Error).message})`)
  }
  return parseBaseline(text, path)
}

export function parseBaseline(text: string, path: string): Baseline {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    throw new BaselineFileError(path, `not JSON (${(error as Error).message})`)
  }
  if (!isRecord(document)) throw new BaselineFileError(path, 'the top level must be an object')
  if (document.version !== BASELINE_VERSION) {
    throw new BaselineFileError(
      path,
      `"version" must be ${BASELINE_VERSION}, got ${JSON.stringify(document.version)}`,
    )
  }
  if (!isRecord(document.projects)) {
    throw new BaselineFileError(path, '"projects" must be an object of project name → destination list')
  }
  const baseline: Baseline = new Map()
  for (const [project, list] of Object.entries(document.projects)) {
    if (!Array.isArray(list))
      throw new BaselineFileError(path, `projects[${JSON.stringify(project)}] must be an array`)
    const set = new Set<string>()
    list.forEach((entry: unknown, index) => {
      if (typeof entry !== 'string' || !DESTINATION.test(entry)) {
        throw new BaselineFileError(
          path,
          `projects[${JSON.stringify(project)}][${index}] ${JSON.stringify(entry)} is not a destination ("host:port", "[v6]:port", "host" or "unix:/path")`,
        )
      }
      set.add(entry)
    })
    baseline.set(project, set)
  }
  return baseline
}

/** The file's text: projects and destinations sorted, one destination per line. */
export function formatBaseline(baseline: Baseline): string {
  const projects: Record<string, string[]> = {}
  for (const name of [...baseline.keys()].sort()) projects[name] = [...(baseline.get(name) ?? [])].sort()
  return `${JSON.stringify({ version: BASELINE_VERSION, projects }, null, 2)}\n`
}

export function writeBaseline(path: string, baseline: Baseline): void {
  writeFileAtomically(path, formatBaseline(baseline))
}

/** An attempt and the project it belongs to (Vitest reports carry one; other reports use `default`). */
export type ProjectAttempt = EgressAttempt & { project?: string }

/** The baseline destinations of a set of attempts: those no allow rule admitted. */
export function baselineDestinations(attempts: readonly ProjectAttempt[]): Map<string, Set<string>> {
  const byProject: Baseline = new Map()
  for (const attempt of attempts) {
    if (attempt.verdict === 'allowed') continue
    const project = attempt.project || DEFAULT_PROJECT
    let set = byProject.get(project)
    if (!set) {
      set = new Set()
      byProject.set(project, set)
    }
    set.add(destinationKey(attempt))
  }
  return byProject
}

/** Destinations in `attempts` that the baseline does not list for their project, sorted. */
export function newDestinations(baseline: Baseline, attempts: readonly ProjectAttempt[]): string[] {
  const fresh = new Set<string>()
  for (const [project, destinations] of baselineDestinations(attempts)) {
    const known = baseline.get(project) ?? new Set<string>()
    for (const destination of destinations) if (!known.has(destination)) fresh.add(destination)
  }
  return [...fresh].sort()
}

/** Each project seen in `attempts` gets exactly its destinations; other projects keep theirs. */
export function updatedBaseline(
  baseline: Baseline,
  attempts: readonly ProjectAttempt[],
  ran: readonly string[],
): Baseline {
  const next: Baseline = new Map(baseline)
  for (const project of ran) next.set(project, new Set())
  for (const [project, destinations] of baselineDestinations(attempts)) next.set(project, destinations)
  return next
}
