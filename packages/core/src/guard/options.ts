/** Guard options: the policy options plus the mode, validated with errors that name the bad value. */
import { EgressPolicyError } from '../errors.js'
import type { PolicyOptions } from '../policy/types.js'

export type GuardMode = 'block' | 'record' | 'off'

export interface EgressGuardOptions extends PolicyOptions {
  /** `block` (default) fails disallowed connections; `record` lets them through and reports them; `off` patches nothing. */
  mode?: GuardMode | undefined
  /**
   * Which attempts carry the first user stack frame. `'violations'` (default): every attempt that is
   * not admitted by name or address before DNS, so every violation has one, while allowed loopback
   * and allow-listed connections skip the capture (it costs more than the rest of the bookkeeping).
   * `'all'`: every attempt, for a full audit.
   */
  stacks?: StackCapture | undefined
  /**
   * How many attempts the scope's report lists (and how many violations); past it, attempts are only
   * counted per destination (`report.omittedAttempts`). A positive integer or `Infinity`; default 20 000.
   */
  maxAttempts?: number | undefined
}

export type StackCapture = 'violations' | 'all'

/** Validate the `stacks` option. */
export function resolveStacks(option: unknown): StackCapture {
  if (option === undefined) return 'violations'
  if (option === 'violations' || option === 'all') return option
  throw new EgressPolicyError(option, 'stacks must be "violations" or "all"')
}

/**
 * The `dns` option: given, it wins; else `EGRESS_GUARD_DNS` (`judge` or `resolve`); else the
 * policy's default (`judge`). A bad value names itself; the policy validates the option's.
 */
export function resolveDns(option: unknown, env: NodeJS.ProcessEnv = process.env): unknown {
  if (option !== undefined) return option
  const fromEnv = env.EGRESS_GUARD_DNS?.trim().toLowerCase()
  if (fromEnv === undefined || fromEnv === '') return undefined
  if (fromEnv === 'judge' || fromEnv === 'resolve') return fromEnv
  throw new EgressPolicyError(env.EGRESS_GUARD_DNS, 'EGRESS_GUARD_DNS must be judge or resolve')
}

const MODES: readonly GuardMode[] = ['block', 'record', 'off']

/** The effective mode: `EGRESS_GUARD_MODE=off` wins over everything, then the option, then `block`. */
export function resolveMode(option: unknown, env: NodeJS.ProcessEnv = process.env): GuardMode {
  const fromEnv = env.EGRESS_GUARD_MODE?.trim().toLowerCase()
  if (fromEnv === 'off') return 'off'
  if (option === undefined) {
    if (fromEnv === undefined || fromEnv === '') return 'block'
    if (MODES.includes(fromEnv as GuardMode)) return fromEnv as GuardMode
    throw new EgressPolicyError(env.EGRESS_GUARD_MODE, 'EGRESS_GUARD_MODE must be block, record or off')
  }
  if (typeof option === 'string' && MODES.includes(option as GuardMode)) return option as GuardMode
  throw new EgressPolicyError(option, 'mode must be "block", "record" or "off"')
}
