/**
 * Error classes of egress-guard.
 *
 * Every error carries a stable `code` and a `Symbol.for` brand, so `instanceof` holds even when two
 * copies of the package are loaded (a `--require` preload and Vitest's module graph, say).
 */

const kEgressGuardError = Symbol.for('egress-guard.error')

export type EgressErrorCode =
  | 'ERR_EGRESS_BLOCKED'
  | 'ERR_EGRESS_POLICY'
  | 'ERR_EGRESS_GUARD'
  | 'ERR_EGRESS_BASELINE'
  | 'ERR_EGRESS_REPORT_FILE'

export class EgressGuardError extends Error {
  /** The code every instance of this class (not of its subclasses) carries. */
  static readonly errorCode: EgressErrorCode = 'ERR_EGRESS_GUARD'
  readonly code: EgressErrorCode

  constructor(message: string, code: EgressErrorCode = 'ERR_EGRESS_GUARD', options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    Object.defineProperty(this, kEgressGuardError, { value: true })
  }

  override get name(): string {
    return this.constructor.name
  }

  /** Brand check instead of prototype identity: survives two loaded copies of the package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false
    if ((value as Record<symbol, unknown>)[kEgressGuardError] !== true) return false
    if (this === EgressGuardError) return true
    return (value as { code?: unknown }).code === (this as typeof EgressGuardError).errorCode
  }
}

/** A rule or policy option that cannot be understood. Thrown at construction, never later. */
export class EgressPolicyError extends EgressGuardError {
  static override readonly errorCode = 'ERR_EGRESS_POLICY' as const
  /** The offending rule or option value, as it was given. */
  readonly rule: unknown
  /** Why it was rejected, in a few words. */
  readonly reason: string

  constructor(rule: unknown, reason: string) {
    super(`Invalid egress rule ${describeValue(rule)}: ${reason}`, 'ERR_EGRESS_POLICY')
    this.rule = rule
    this.reason = reason
  }
}

export interface BlockedDestination {
  host?: string | undefined
  port?: number | undefined
  address?: string | undefined
  path?: string | undefined
  protocol: string
  url?: string | undefined
  method?: string | undefined
}

/** A connection the policy does not allow, failed in block mode. */
export class EgressBlockedError extends EgressGuardError {
  static override readonly errorCode = 'ERR_EGRESS_BLOCKED' as const
  readonly host: string | undefined
  readonly port: number | undefined
  readonly address: string | undefined
  readonly path: string | undefined
  readonly protocol: string
  readonly url: string | undefined
  readonly method: string | undefined
  /** The allow rules in force when the connection was judged. */
  readonly rules: readonly string[]
  /** Why the policy refused it. */
  readonly reason: string
  /** The rule that would admit this destination, ready to paste into `allow`. */
  readonly suggestion: string

  constructor(
    destination: BlockedDestination,
    reason: string,
    rules: readonly string[],
    suggestion: string,
    loopbackAllowed = true,
  ) {
    super(blockedMessage(destination, reason, rules, suggestion, loopbackAllowed), 'ERR_EGRESS_BLOCKED')
    this.host = destination.host
    this.port = destination.port
    this.address = destination.address
    this.path = destination.path
    this.protocol = destination.protocol
    this.url = destination.url
    this.method = destination.method
    this.rules = [...rules]
    this.reason = reason
    this.suggestion = suggestion
  }
}

function blockedMessage(
  d: BlockedDestination,
  reason: string,
  rules: readonly string[],
  suggestion: string,
  loopbackAllowed: boolean,
): string {
  const target = d.path ? `unix socket ${d.path}` : `${formatHostPort(d.host ?? d.address ?? '?', d.port)}`
  const via =
    d.address && d.address !== d.host && !reason.includes(d.address) ? ` (resolved to ${d.address})` : ''
  const request = d.method && d.url ? ` for ${d.method} ${d.url}` : d.url ? ` for ${d.url}` : ''
  const listed = [...(loopbackAllowed ? ['loopback'] : []), ...rules.map((r) => JSON.stringify(r))]
  const inForce = listed.length === 0 ? 'none (loopback disallowed)' : listed.join(', ')
  return (
    `egress-guard blocked ${d.protocol} connection to ${target}${via}${request}: ${reason}. ` +
    `Rules in force: ${inForce}. To allow it, add: allow: [${JSON.stringify(suggestion)}]`
  )
}

export function formatHostPort(host: string, port: number | undefined): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
  return port === undefined ? h : `${h}:${port}`
}

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === undefined) return 'undefined'
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function')
    return String(value)
  try {
    return `${JSON.stringify(value)} (${value === null ? 'null' : typeof value})`
  } catch {
    return Object.prototype.toString.call(value)
  }
}
