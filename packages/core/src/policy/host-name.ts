/**
 * Host names in the one form rules and destinations are compared in: lower-case ASCII (IDN as
 * punycode), no trailing dot, every label 1–63 characters of letters, digits, `-` or `_`.
 */
import { domainToASCII } from 'node:url'

const kLabel = /^[a-z0-9_-]{1,63}$/
const kName = /^(?:[a-z0-9_-]{1,63}\.)*[a-z0-9_-]{1,63}$/
// biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is exactly the range 0x00-0x7f
const kNonAscii = /[^\x00-\x7f]/
const kNumericLabel = /^(?:[0-9]+|0x[0-9a-f]*)$/

/** The normal form of a host name, or a sentence saying why it is not a host name. */
export function normaliseName(raw: string): { name: string } | { reason: string } {
  if (raw === '') return { reason: 'the host name is empty' }
  let text = raw.endsWith('.') ? raw.slice(0, -1) : raw
  if (kNonAscii.test(text)) {
    const ascii = domainToASCII(text)
    if (ascii === '') return { reason: `${JSON.stringify(raw)} is not a valid internationalised domain name` }
    text = ascii
  } else {
    text = text.toLowerCase()
  }
  if (text.length > 253) return { reason: `${JSON.stringify(raw)} is longer than 253 characters` }
  if (kName.test(text)) return { name: text }
  for (const label of text.split('.')) {
    if (label === '') return { reason: `${JSON.stringify(raw)} has an empty label` }
    if (!kLabel.test(label))
      return { reason: `${JSON.stringify(raw)} has an invalid label ${JSON.stringify(label)}` }
  }
  return { name: text }
}

/**
 * Whether the last label is a number (`127.1`, `2130706433`, `0x7f.1`): a resolver reads such a name
 * as an IPv4 address in a legacy form. Destinations may use it (DNS decides); a rule may not.
 */
export function endsInNumber(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1)
  return kNumericLabel.test(last)
}

/** The labels of a name, last first: `a.corp.test` → `test`, `corp`, `a`. */
export function reversedLabels(name: string): string[] {
  return name.split('.').reverse()
}
