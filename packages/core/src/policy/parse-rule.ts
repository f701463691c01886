/**
 * One allow rule, from text to a ParsedRule. The grammar (docs/policy.md, adr/0001):
 *
 *   host | host:port | *.suffix[:port] | IPv4[:port] | IPv6 | [IPv6]:port
 *   | CIDR[:port] | [IPv6-CIDR]:port | URL | unix:/path | unix:/dir/*
 *
 * Anything else throws EgressPolicyError with the rule in `.rule` and in the message.
 */
import { isIP } from 'node:net'
import { EgressPolicyError } from '../errors.js'
import { parseRuleHost } from './parse-rule-host.js'
import { parseUnixRule } from './parse-unix-rule.js'
import { parseUrlRule } from './parse-url-rule.js'
import { parseRulePort } from './port.js'
import type { ParsedRule } from './rule.js'

const kWhitespace = /\s/

export function parseRule(rule: unknown): ParsedRule {
  if (typeof rule !== 'string')
    throw new EgressPolicyError(rule, `a rule must be a string, not ${kindOf(rule)}`)
  if (rule === '') throw new EgressPolicyError(rule, 'the rule is empty')
  if (rule.slice(0, 5).toLowerCase() === 'unix:' && rule.trim() === rule) return parseUnixRule(rule)
  if (kWhitespace.test(rule)) throw new EgressPolicyError(rule, 'a rule holds no whitespace')
  if (rule.includes('://')) return parseUrlRule(rule)
  const [host, portText] = splitHostPort(rule)
  const target = parseRuleHost(host, rule)
  let port: number | undefined
  if (portText !== undefined) {
    const parsed = parseRulePort(portText)
    if (typeof parsed === 'string') throw new EgressPolicyError(rule, parsed)
    port = parsed
  }
  return { kind: 'host', rule, target, port, pathPrefix: undefined }
}

/** Splits `host:port`; IPv6 (with two or more colons) takes a port only in brackets or after `/len`. */
function splitHostPort(rule: string): [string, string | undefined] {
  if (rule.startsWith('[')) {
    const close = rule.indexOf(']')
    if (close < 0) throw new EgressPolicyError(rule, 'the "[" has no matching "]"')
    const rest = rule.slice(close + 1)
    if (rest === '') return [rule, undefined]
    if (!rest.startsWith(':')) throw new EgressPolicyError(rule, `"${rest}" after "]" is not ":port"`)
    return [rule.slice(0, close + 1), rest.slice(1)]
  }
  const colons = rule.split(':').length - 1
  if (colons === 0) return [rule, undefined]
  if (colons === 1) {
    const colon = rule.indexOf(':')
    return [rule.slice(0, colon), rule.slice(colon + 1)]
  }
  const slash = rule.indexOf('/')
  if (slash >= 0) {
    const colon = rule.indexOf(':', slash)
    return colon < 0 ? [rule, undefined] : [rule.slice(0, colon), rule.slice(colon + 1)]
  }
  if (isIP(rule) === 6 || rule.includes('%')) return [rule, undefined]
  throw new EgressPolicyError(
    rule,
    'it is not an IPv6 address; write an IPv6 address with a port as "[2001:db8::1]:443"',
  )
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}
