/**
 * GitHub Actions workflow commands: one `::error file=…,line=…,col=…::` per failing destination, at
 * the line that opened the connection (else at the test), so the pull request shows it in place.
 */
import type { RunEgress, TestEgress } from './collect.js'

const FRAME = /^(.*):(\d+):(\d+)$/

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
  return lines
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
