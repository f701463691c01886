/**
 * How the DNS layer judges a name it is asked to look up (ADR 0006). A lookup is not a connection:
 * without `strictDns` every name may be looked up (and is recorded); the addresses it resolves to are
 * judged where a connection uses them. Under `strictDns` the name must be covered by a rule (on any
 * port) or be a loopback name, else it is refused before any query leaves.
 */
import net from 'node:net'
import { defaultPorts } from '../policy/default-ports.js'
import type { Decision, Policy } from '../policy/types.js'

/** The decision for looking up `name` (a host name, or an address for reverse lookups). */
export function lookupDecision(policy: Policy, name: string): Decision {
  const byName = policy.decide({ host: name })
  if (byName.allowed) return byName
  if (!policy.strictDns) {
    return {
      allowed: true,
      reason: `looking up ${name} is allowed (strictDns is off); its addresses are judged where used`,
    }
  }
  for (const port of rulePorts(policy)) {
    const atPort = policy.decide({ host: name, port })
    if (atPort.allowed) return { ...atPort, reason: `${name} is covered by "${atPort.rule}"` }
  }
  if (net.isIP(name) !== 0) {
    return {
      allowed: false,
      reason: `no allow rule covers ${name}, and strictDns refuses lookups no rule covers`,
    }
  }
  return byName
}

const portsByPolicy = new WeakMap<Policy, number[]>()

/**
 * The ports named by the policy's rules, so that `db.test:5432` admits a lookup of `db.test`:
 * `decide()` without a port only matches rules without one.
 */
function rulePorts(policy: Policy): number[] {
  let ports = portsByPolicy.get(policy)
  if (ports) return ports
  const found = new Set<number>()
  for (const rule of policy.rules) {
    const port = rulePort(rule)
    if (port !== undefined) found.add(port)
  }
  ports = [...found]
  portsByPolicy.set(policy, ports)
  return ports
}

function rulePort(rule: string): number | undefined {
  if (rule.includes('://')) {
    try {
      const url = new URL(rule)
      return url.port ? Number(url.port) : defaultPorts.get(url.protocol.slice(0, -1))
    } catch {
      return undefined
    }
  }
  const match = /:(\d{1,5})$/.exec(rule)
  return match ? Number(match[1]) : undefined
}
