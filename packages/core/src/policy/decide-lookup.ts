/**
 * The decision for looking a name up (a DNS request, not a connection; ADR 0006, ADR 0021). A name
 * a rule covers on any port (`db.test:5432` admits looking up `db.test`) or a loopback name may be
 * looked up. Otherwise the answer says what the caller must do: under `dns: 'judge'` only the hosts
 * file may answer (`needsAddress`, check `name`); under `dns: 'resolve'` the lookup is allowed and
 * the addresses are judged where used; under `strictDns` it is refused.
 */
import { formatHostPort } from '../errors.js'
import type { Decision } from './types.js'

export interface LookupJudge {
  decide(destination: { host: string; port?: number }): Decision
  readonly strictDns: boolean
  readonly dns: 'judge' | 'resolve'
}

export function decideLookup(policy: LookupJudge, rulePorts: readonly number[], name: string): Decision {
  const byName = policy.decide({ host: name })
  if (byName.allowed) return byName
  for (const port of rulePorts) {
    const atPort = policy.decide({ host: name, port })
    if (atPort.allowed) return { ...atPort, reason: `${name} is covered by "${atPort.rule}"` }
  }
  if (policy.strictDns) {
    return {
      allowed: false,
      check: 'name',
      reason: `no allow rule covers ${name}, and strictDns refuses lookups no rule covers`,
    }
  }
  if (policy.dns === 'resolve') {
    return {
      allowed: true,
      check: 'name',
      reason: `looking up ${name} is allowed (dns: 'resolve'); its addresses are judged where used`,
    }
  }
  if (!byName.needsAddress) return byName
  return {
    allowed: false,
    needsAddress: true,
    check: 'name',
    reason: `no allow rule covers ${formatHostPort(name, undefined)}; only the hosts file may answer it (no DNS query is sent for it)`,
  }
}
