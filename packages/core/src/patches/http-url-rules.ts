/**
 * Whether a policy has URL rules, the only rules whose decision can depend on a request's path.
 * Without them, a direct request is decided exactly as its connection is, so the HTTP layer can
 * leave it to the socket layer without judging it (the near-zero-cost path for node:http).
 */
import type { Policy } from '../policy/types.js'

const cache = new WeakMap<Policy, boolean>()

export function hasUrlRules(policy: Policy): boolean {
  let answer = cache.get(policy)
  if (answer === undefined) {
    answer = policy.rules.some((rule) => rule.includes('://'))
    cache.set(policy, answer)
  }
  return answer
}
