/**
 * A plain box-drawing table for a terminal: a header row, a line between rows, one space of padding,
 * cells split on newlines. Written here so that the library ships without a table dependency
 * (ADR 0020); widths count code points, which is exact for the ASCII that destinations, protocols
 * and stack locations are made of.
 */

const width = (text: string) => [...text].length

function rule(widths: readonly number[], left: string, middle: string, right: string): string {
  return `${left}${widths.map((w) => '─'.repeat(w + 2)).join(middle)}${right}`
}

function row(cells: readonly string[], widths: readonly number[]): string[] {
  const lines = cells.map((cell) => cell.split('\n'))
  const height = Math.max(1, ...lines.map((l) => l.length))
  const out: string[] = []
  for (let i = 0; i < height; i++) {
    const parts = widths.map((w, column) => {
      const text = lines[column]?.[i] ?? ''
      return ` ${text}${' '.repeat(w - width(text))} `
    })
    out.push(`│${parts.join('│')}│`)
  }
  return out
}

/** The table as lines joined by `\n`, without a final newline. */
export function boxTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((title, column) =>
    Math.max(width(title), ...rows.flatMap((r) => (r[column] ?? '').split('\n').map(width))),
  )
  const lines = [rule(widths, '┌', '┬', '┐'), ...row(head, widths)]
  for (const r of rows) lines.push(rule(widths, '├', '┼', '┤'), ...row(r, widths))
  lines.push(rule(widths, '└', '┴', '┘'))
  return lines.join('\n')
}
