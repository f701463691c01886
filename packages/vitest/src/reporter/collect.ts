/** Gather what the workers put in task meta into one run report: per test, per file, per destination. */
import { destinationKey, type EgressAttempt } from 'egress-guard'
import { type EgressFailure, egressMetaOf } from '../meta.js'

/** The parts of Vitest's reported tasks this reporter reads; the same in Vitest 4 and 5. */
export interface ModuleLike {
  moduleId: string
  project: { name: string }
  meta(): unknown
  children: { allTests(): Iterable<CaseLike> }
}

export interface CaseLike {
  name: string
  fullName: string
  location?: { line: number; column: number } | undefined
  meta(): unknown
  result(): { state: string }
}

export interface TestEgress {
  project: string
  file: string
  /** Describe blocks and test name, joined by ` > `. */
  test: string
  state: string
  location?: { line: number; column: number } | undefined
  attempts: EgressAttempt[]
  failures: EgressFailure[]
}

export interface FileEgress {
  project: string
  file: string
  /** Attempts made outside any test: imports, beforeAll/afterAll. */
  attempts: EgressAttempt[]
  failures: EgressFailure[]
}

export interface DestinationSummary {
  destination: string
  count: number
  verdicts: Partial<Record<EgressAttempt['verdict'], number>>
  protocols: string[]
  /** `file > test` names that reached it (or `file` for code outside tests). */
  tests: string[]
}

export interface RunEgress {
  /** Projects that ran (baseline key: `default` for an unnamed project). */
  projects: string[]
  /** Tests that ran under a gate (had egress meta). */
  gatedTests: number
  tests: TestEgress[]
  files: FileEgress[]
  destinations: DestinationSummary[]
}

export function projectKey(name: string): string {
  return name || 'default'
}

export function collectRun(modules: readonly ModuleLike[], relative: (path: string) => string): RunEgress {
  const run: RunEgress = { projects: [], gatedTests: 0, tests: [], files: [], destinations: [] }
  const projects = new Set<string>()
  const byDestination = new Map<string, DestinationSummary>()
  const note = (attempts: readonly EgressAttempt[], who: string) => {
    for (const attempt of attempts) {
      const key = destinationKey(attempt)
      let d = byDestination.get(key)
      if (!d) {
        d = { destination: key, count: 0, verdicts: {}, protocols: [], tests: [] }
        byDestination.set(key, d)
      }
      d.count++
      d.verdicts[attempt.verdict] = (d.verdicts[attempt.verdict] ?? 0) + 1
      if (!d.protocols.includes(attempt.protocol)) d.protocols.push(attempt.protocol)
      if (!d.tests.includes(who)) d.tests.push(who)
    }
  }
  for (const module of modules) {
    const project = projectKey(module.project.name)
    projects.add(project)
    const file = relative(module.moduleId)
    const fileMeta = egressMetaOf(module.meta())
    if (fileMeta && fileMeta.attempts.length > 0) {
      const attempts = withRelativeStacks(fileMeta.attempts, relative)
      run.files.push({ project, file, attempts, failures: withRelativeStacks(fileMeta.failures, relative) })
      note(attempts, file)
    }
    for (const test of module.children.allTests()) {
      const meta = egressMetaOf(test.meta())
      if (!meta) continue
      run.gatedTests++
      if (meta.attempts.length === 0 && meta.failures.length === 0) continue
      const attempts = withRelativeStacks(meta.attempts, relative)
      run.tests.push({
        project,
        file,
        test: test.fullName,
        state: test.result().state,
        location: test.location ? { line: test.location.line, column: test.location.column } : undefined,
        attempts,
        failures: withRelativeStacks(meta.failures, relative),
      })
      note(attempts, `${file} > ${test.fullName}`)
    }
  }
  run.projects = [...projects].sort()
  run.destinations = [...byDestination.values()].sort(
    (a, b) => violations(b) - violations(a) || a.destination.localeCompare(b.destination),
  )
  return run
}

/** Stack locations (`file:line:column`) made relative to the repository root. */
function withRelativeStacks<T extends { stack?: string | undefined }>(
  entries: readonly T[],
  relative: (path: string) => string,
): T[] {
  return entries.map((entry) => (entry.stack ? { ...entry, stack: relative(entry.stack) } : entry))
}

export function violations(d: DestinationSummary): number {
  return (d.verdicts.blocked ?? 0) + (d.verdicts.recorded ?? 0)
}
