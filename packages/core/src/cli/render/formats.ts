/**
 * The report in each output format: a table (box-table.ts) for a terminal, plain lines for logs and
 * pipes, JSON for machines, Markdown for a CI job summary, and GitHub Actions workflow commands that
 * annotate the source line of each violation.
 */
import type { EgressReportFile } from 'egress-guard'
import { boxTable } from './box-table.js'
import { destinationRows, totals, totalsLine } from './rows.js'
import { renderSarif } from './sarif.js'

export const FORMATS = ['table', 'lines', 'json', 'markdown', 'github', 'sarif'] as const
export type Format = (typeof FORMATS)[number]

function commandLine(child: { file: string; args: string[] }): string {
  return [child.file, ...child.args].join(' ')
}

export function renderTable(file: EgressReportFile): string {
  const rows = destinationRows(file).map((row) => [
    row.destination,
    row.protocols,
    row.verdict,
    String(row.count),
    row.firstSeen,
  ])
  const parts = [
    totalsLine(totals(file)),
    boxTable(['Destination', 'Protocol', 'Verdict', 'Count', 'First seen at'], rows),
  ]
  if (file.children.length) {
    const children = file.children.map((child) => [commandLine(child), child.stack ?? ''])
    parts.push(boxTable(['Unguarded child (not Node)', 'Started at'], children))
  }
  return `${parts.join('\n')}\n`
}

export function renderLines(file: EgressReportFile): string {
  const lines = [totalsLine(totals(file))]
  for (const row of destinationRows(file)) {
    const at = row.firstSeen ? ` at ${row.firstSeen}` : ''
    lines.push(`${row.verdict} ${row.destination} ${row.protocols} x${row.count}${at}`)
  }
  for (const child of file.children) {
    lines.push(`unguarded-child ${commandLine(child)}${child.stack ? ` at ${child.stack}` : ''}`)
  }
  return `${lines.join('\n')}\n`
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function renderMarkdown(file: EgressReportFile): string {
  const lines = [
    '### egress-guard',
    '',
    totalsLine(totals(file)).replace(/^egress-guard: /, ''),
    '',
    '| Destination | Protocol | Verdict | Count | First seen at |',
    '| --- | --- | --- | ---: | --- |',
  ]
  for (const row of destinationRows(file)) {
    const at = row.firstSeen ? `\`${cell(row.firstSeen)}\`` : ''
    lines.push(`| \`${cell(row.destination)}\` | ${row.protocols} | ${row.verdict} | ${row.count} | ${at} |`)
  }
  if (file.children.length) {
    lines.push('', '| Unguarded child (not Node) | Started at |', '| --- | --- |')
    for (const child of file.children) {
      lines.push(`| \`${cell(commandLine(child))}\` | ${child.stack ? `\`${cell(child.stack)}\`` : ''} |`)
    }
  }
  return `${lines.join('\n')}\n`
}

/** Workflow-command escaping for property values and messages. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

export function renderGithub(file: EgressReportFile): string {
  const lines: string[] = []
  for (const row of destinationRows(file)) {
    if (row.verdict === 'allowed') continue
    const level = row.verdict === 'blocked' ? 'error' : 'warning'
    const where = /^(.*):(\d+):(\d+)$/.exec(row.first.stack ?? '')
    const props = where
      ? `file=${escapeProperty(where[1] as string)},line=${where[2]},col=${where[3]},title=egress-guard`
      : 'title=egress-guard'
    const message = `${row.verdict} ${row.protocols} egress to ${row.destination} (${row.count}x): ${row.first.reason}`
    lines.push(`::${level} ${props}::${escapeData(message)}`)
  }
  lines.push(`::notice title=egress-guard::${escapeData(totalsLine(totals(file)))}`)
  return `${lines.join('\n')}\n`
}

export function renderJson(file: EgressReportFile): string {
  return `${JSON.stringify(file, null, 2)}\n`
}

export function render(file: EgressReportFile, format: Format): string {
  switch (format) {
    case 'table':
      return renderTable(file)
    case 'lines':
      return renderLines(file)
    case 'json':
      return renderJson(file)
    case 'markdown':
      return renderMarkdown(file)
    case 'github':
      return renderGithub(file)
    case 'sarif':
      return renderSarif(file)
  }
}
