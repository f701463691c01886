/**
 * The GitHub job summary: a Markdown section appended to `$GITHUB_STEP_SUMMARY` (never written
 * over: other steps and tools add theirs to the same file). Destinations with their verdicts and
 * the tests that reached them, then the baseline diff when a baseline is given.
 */
import { appendFileSync } from 'node:fs'
import { type Baseline, destinationKey, type EgressReportFile, newDestinations } from 'egress-guard'
import { renderMarkdown } from './formats.js'

const MAX_TESTS = 5
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function renderJobSummary(
  file: EgressReportFile,
  baseline?: { path: string; known: Baseline },
): string {
  const lines = [
    renderMarkdown(file).trimEnd(),
    '',
    '| Destination | Tests that reached it |',
    '| --- | --- |',
  ]
  const tests = new Map<string, Set<string>>()
  for (const attempt of file.attempts) {
    const key = destinationKey(attempt)
    const set = tests.get(key) ?? new Set<string>()
    if (attempt.test) set.add(attempt.project ? `${attempt.project}: ${attempt.test}` : attempt.test)
    tests.set(key, set)
  }
  for (const [destination, names] of tests) {
    const list = [...names].sort()
    const more = list.length > MAX_TESTS ? ` and ${list.length - MAX_TESTS} more` : ''
    const shown = list
      .slice(0, MAX_TESTS)
      .map((t) => `\`${cell(t)}\``)
      .join(', ')
    lines.push(`| \`${cell(destination)}\` | ${shown || '(outside tests)'}${more} |`)
  }
  if (baseline) {
    const fresh = newDestinations(baseline.known, file.attempts)
    lines.push('', `**Baseline** \`${cell(baseline.path)}\`: `)
    if (fresh.length === 0) lines[lines.length - 1] += 'no new destinations.'
    else {
      lines[lines.length - 1] += `${fresh.length} new destination(s) not in the baseline:`
      lines.push('', ...fresh.map((d) => `- \`${cell(d)}\``))
    }
  }
  return `${lines.join('\n')}\n\n`
}

/** Append the section when `GITHUB_STEP_SUMMARY` names a file; returns whether it did. */
export function appendJobSummary(text: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const target = env.GITHUB_STEP_SUMMARY?.trim()
  if (!target) return false
  appendFileSync(target, text)
  return true
}
