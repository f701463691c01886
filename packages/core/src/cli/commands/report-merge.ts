/**
 * `egress-guard report merge A.json B.json … -o all.json`: one report from several (CI shards,
 * machines, runners). Attempts, processes and unguarded children are concatenated, projects and
 * rules joined; destinations and violations are derived again by `buildReportFile`, so `diff` and
 * `baseline update` read the result like any single run.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { buildReportFile, type EgressReportFile, readReportFile } from 'egress-guard'
import { UsageError } from '../usage-error.js'

export function mergedReport(files: readonly EgressReportFile[]): EgressReportFile {
  const unique = <T>(lists: readonly (readonly T[] | undefined)[]) => [
    ...new Set(lists.flatMap((l) => l ?? [])),
  ]
  const modes = unique(files.map((f) => (f.mode ? [f.mode] : [])))
  const projects = unique(files.map((f) => f.projects)).sort()
  const rules = unique(files.map((f) => f.rules))
  return buildReportFile({
    runId: unique(files.map((f) => [f.runId])).join('+'),
    mode: modes.length === 1 ? modes[0] : undefined,
    rules: rules.length ? rules : undefined,
    projects: projects.length ? projects : undefined,
    processes: files.flatMap((f) => f.processes),
    attempts: files.flatMap((f) => f.attempts),
    children: files.flatMap((f) => f.children),
  })
}

export function reportMerge(inputs: readonly string[], output: string | undefined): string {
  if (inputs.length === 0) throw new UsageError('egress-guard report merge: name the report files to merge')
  if (!output) throw new UsageError('egress-guard report merge: name the output file with -o FILE')
  const merged = mergedReport(inputs.map((path) => readReportFile(path)))
  const target = resolve(output)
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, `${JSON.stringify(merged, null, 2)}\n`)
  return `egress-guard: merged ${inputs.length} report(s) into ${output} (${merged.attempts.length} attempts, ${merged.destinations.length} destinations)\n`
}
