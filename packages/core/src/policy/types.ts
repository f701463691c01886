/**
 * The policy contract: what `createPolicy()` takes and what `decide()` answers.
 * Pure data; no I/O anywhere in `policy/`.
 */

export interface PolicyOptions {
  /** Allow rules (see docs/policy.md). A single string is one rule. */
  allow?: readonly string[] | string | undefined
  /** Admit loopback destinations (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104, localhost, *.localhost). Default true. */
  allowLoopback?: boolean | undefined
  /** Admit unix domain sockets (local IPC). Default true; `unix:` rules restrict them when false. */
  allowUnixSockets?: boolean | undefined
  /**
   * Strict DNS: a name that no rule covers is refused before any DNS query leaves, instead of being
   * resolved and judged by its addresses. Default false.
   */
  strictDns?: boolean | undefined
}

/** What the guard asks about: a name and/or an address, a port, or a unix socket path. */
export interface Destination {
  /** Host name or address as the caller wrote it. */
  host?: string | undefined
  port?: number | undefined
  /** A resolved address for `host` (after DNS), or the address itself. */
  address?: string | undefined
  /** Unix domain socket path (only when truthy). */
  path?: string | undefined
  /** Full request URL, where the HTTP layer knows it (for URL rules with a path prefix). */
  url?: string | undefined
}

export interface Decision {
  allowed: boolean
  /** The rule that admitted it: `loopback`, `unix`, or an allow rule exactly as written. */
  rule?: string
  /** Why, in words fit for an error message. */
  reason: string
  /**
   * True when `host` is a name that no rule covers and no address was given: the caller should
   * resolve it and ask again with each address. Never set under `strictDns`.
   */
  needsAddress?: boolean
}

export interface Policy {
  decide(destination: Destination): Decision
  /** The allow rules, as written, in order. */
  readonly rules: readonly string[]
  readonly allowLoopback: boolean
  readonly allowUnixSockets: boolean
  readonly strictDns: boolean
  /** The rule that would admit this destination, ready to paste into `allow`. */
  suggestRule(destination: Destination): string
}
