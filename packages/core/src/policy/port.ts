/** Ports: integers 0–65535, in rules (text) and in destinations (number, or digits as Node accepts). */

const kDigits = /^[0-9]{1,5}$/

/** A rule's port text as a number, or a sentence saying why it is not a port. */
export function parseRulePort(text: string): number | string {
  if (text === '') return 'the port after ":" is missing'
  if (!kDigits.test(text)) return `port ${JSON.stringify(text)} is not a number from 0 to 65535`
  const port = Number(text)
  if (port > 65535) return `port ${port} is above 65535`
  return port
}

/** A destination's port: undefined when absent, a number when valid, else a reason. */
export function destinationPort(value: unknown): { port: number | undefined } | { reason: string } {
  if (value === undefined || value === null) return { port: undefined }
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535)
    return { port: value }
  if (typeof value === 'string' && kDigits.test(value) && Number(value) <= 65535)
    return { port: Number(value) }
  return { reason: `port ${describePort(value)} is not a number from 0 to 65535` }
}

function describePort(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'object') return Object.prototype.toString.call(value)
  return String(value)
}
