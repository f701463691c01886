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
  /**
   * How a name that no rule covers is treated (ADR 0021). `'judge'` (default): it is answered only
   * from the local hosts file, so no DNS query for it leaves the machine; a name the hosts file does
   * not know is a violation (refused in block mode, recorded and then resolved in record mode).
   * `'resolve'`: it is resolved and judged by its addresses (for allowing names by address range);
   * a name that fails to resolve is a violation. Also set by `EGRESS_GUARD_DNS`.
   */
  dns?: DnsMode | undefined
}

export type DnsMode = 'judge' | 'resolve'

/** Which check decided, as data: code branches on this, never on `reason`. */
export type DecisionCheck =
  | 'unix'
  | 'rule'
  | 'loopback'
  | 'name'
  | 'address'
  | 'metadata'
  | 'path-prefix'
  | 'invalid'

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
  /** Which check decided: a rule or loopback admitted it, or why it was refused. */
  check: DecisionCheck
  /** Why, in words fit for an error message (made for people; never parsed). */
  reason: string
  /**
   * True when `host` is a name that no rule covers and no address was given: the caller should
   * answer it (from the hosts file, or DNS under `dns: 'resolve'`) and ask again with each address.
   * Never set under `strictDns`.
   */
  needsAddress?: boolean
}

export interface Policy {
  decide(destination: Destination): Decision
  /**
   * The decision for looking `name` up (a DNS request): allowed when a rule covers it on any port or
   * it is a loopback name; otherwise `needsAddress` (only the hosts file may answer, `dns: 'judge'`),
   * allowed (`dns: 'resolve'`), or refused (`strictDns`).
   */
  decideLookup(name: string): Decision
  /** True when a rule is a URL with a path prefix: only then can a request's path change a decision. */
  readonly hasUrlRules: boolean
  /** The allow rules, as written, in order. */
  readonly rules: readonly string[]
  readonly allowLoopback: boolean
  readonly allowUnixSockets: boolean
  readonly strictDns: boolean
  readonly dns: DnsMode
  /** The rule that would admit this destination, ready to paste into `allow`. */
  suggestRule(destination: Destination): string
}
