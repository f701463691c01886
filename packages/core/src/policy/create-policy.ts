/**
 * createPolicy(): validates every rule and option at construction (EgressPolicyError naming the bad
 * value) and returns a frozen Policy whose decide() is pure and never throws.
 */
import { EgressPolicyError } from '../errors.js'
import { decideLookup } from './decide-lookup.js'
import { DecisionCache } from './decision-cache.js'
import { type JudgeSettings, judge } from './judge.js'
import { parseRule } from './parse-rule.js'
import { RuleIndex } from './rule-index.js'
import { suggestRule } from './suggest-rule.js'
import type { Decision, Destination, DnsMode, Policy, PolicyOptions } from './types.js'

export function createPolicy(options: PolicyOptions = {}): Policy {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new EgressPolicyError(
      options,
      'policy options must be an object such as { allow: ["db.test:5432"] }',
    )
  }
  const rules = allowList(options.allow)
  const settings: JudgeSettings = {
    allowLoopback: booleanOption(options, 'allowLoopback', true),
    allowUnixSockets: booleanOption(options, 'allowUnixSockets', true),
    strictDns: booleanOption(options, 'strictDns', false),
    dns: dnsOption(options.dns),
  }
  const parsed = rules.map(parseRule)
  const index = new RuleIndex(parsed)
  const rulePorts = [
    ...new Set(parsed.flatMap((rule) => (rule.kind === 'host' && rule.port ? [rule.port] : []))),
  ]
  const cache = new DecisionCache()
  const judgeHere = (destination: unknown) => judge(index, settings, destination)
  const decide = (destination: Destination): Decision => {
    try {
      return cache.answer(destination, judgeHere)
    } catch (error) {
      // judge() is written not to throw; this keeps the promise if a getter on the input does.
      return {
        allowed: false,
        check: 'invalid',
        reason: `the destination could not be read: ${String(error)}`,
      }
    }
  }
  const lookupJudge = { decide, strictDns: settings.strictDns, dns: settings.dns }
  return Object.freeze({
    rules: Object.freeze(rules as string[]),
    ...settings,
    hasUrlRules: parsed.some((rule) => rule.kind === 'host' && rule.pathPrefix !== undefined),
    decide,
    decideLookup: (name: string): Decision => decideLookup(lookupJudge, rulePorts, name),
    suggestRule(destination: Destination): string {
      try {
        return suggestRule(destination)
      } catch {
        return ''
      }
    },
  })
}

/** The rules as given; each is checked by parseRule(), which rejects non-strings by name. */
function allowList(allow: unknown): unknown[] {
  if (allow === undefined) return []
  if (typeof allow === 'string') return [allow]
  if (!Array.isArray(allow)) throw new EgressPolicyError(allow, '`allow` must be an array of rule strings')
  return Array.from(allow)
}

const DNS_MODES: readonly DnsMode[] = ['judge', 'resolve']

function dnsOption(value: unknown): DnsMode {
  if (value === undefined) return 'judge'
  if (DNS_MODES.includes(value as DnsMode)) return value as DnsMode
  throw new EgressPolicyError(value, 'option `dns` must be "judge" or "resolve"')
}

function booleanOption(
  options: PolicyOptions,
  key: 'allowLoopback' | 'allowUnixSockets' | 'strictDns',
  fallback: boolean,
): boolean {
  const value: unknown = options[key]
  if (value === undefined) return fallback
  if (typeof value !== 'boolean')
    throw new EgressPolicyError(value, `option \`${key}\` must be true or false`)
  return value
}
