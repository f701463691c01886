/**
 * GitHub Actions workflow commands: one `::error file=…,line=…,col=…::` per failing destination, at
 * the line that opened the connection (else at the test), so the pull request shows it in place.
 * GitHub shows at most 10 error annotations per step (actions/toolkit, docs/problem-matchers.md):
 * past that, the tenth annotation names how many more there are and where to read them, instead of
 * the rest being dropped without a word.
 */
import type { RunEgress, TestEgress } from './collect.js'

const FRAME = /^(.*):(\d+):(\d+)$/
/** Error annotations GitHub shows per step. */
export const ANNOTATIONS_PER_STEP = 10

export function formatAnnotations(run: RunEgress, relative: (path: string) => string): string[] {
  const lines: string[] = []
  for (const owner of [...run.tests, ...run.files]) {
    const testName = 'test' in owner ? ` in test "${owner.test}"` : ' outside any test'
    for (const failure of owner.failures) {
      const frame = failure.stack ? FRAME.exec(failure.stack) : null
      const file = frame ? relative(frame[1] as string) : owner.file
      const location = 'test' in owner ? (owner as TestEgress).location : undefined
      const line = frame ? frame[2] : location?.line
      const col = frame ? frame[3] : location?.column
      const what =
        failure.kind === 'blocked'
          ? `egress-guard blocked a connection to ${failure.destination}${testName}`
          : `egress-guard: new egress destination ${failure.destination}${testName} (not in the baseline)`
      const properties = [`file=${escapeProperty(file)}`]
      if (line !== undefined) properties.push(`line=${line}`)
      if (col !== undefined) properties.push(`col=${col}`)
      properties.push('title=egress-guard')
      lines.push(`::error ${properties.join(',')}::${escapeData(what)}`)
    }
  }
  return withinStepCap(lines)
}

/** The first nine annotations and one that counts the rest, when there are more than GitHub shows. */
function withinStepCap(lines: string[]): string[] {
  if (lines.length <= ANNOTATIONS_PER_STEP) return lines
  const shown = lines.slice(0, ANNOTATIONS_PER_STEP - 1)
  const more = lines.length - shown.length
  const text = `egress-guard: ${more} more egress violations not annotated (GitHub shows ${ANNOTATIONS_PER_STEP} per step); the job summary, the log above and the report list them all`
  return [...shown, `::error title=egress-guard::${escapeData(text)}`]
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
