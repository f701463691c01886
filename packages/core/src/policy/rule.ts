/** A parsed allow rule: what it admits, and the rule text as written (reported when it admits). */
import type { AddressRange } from './address-range.js'

export type RuleTarget =
  | { kind: 'name'; name: string }
  | { kind: 'suffix'; suffix: string }
  | { kind: 'range'; range: AddressRange }

export interface HostRule {
  kind: 'host'
  rule: string
  target: RuleTarget
  /** Undefined: every port. */
  port: number | undefined
  /** URL rules only: the HTTP layer must see a path under this prefix. Undefined: any path. */
  pathPrefix: string | undefined
}

export interface UnixRule {
  kind: 'unix'
  rule: string
  /** Absolute, normalised path; ends in `/` when `directory`. */
  path: string
  /** `unix:/dir/*`: every socket under the directory, at any depth. */
  directory: boolean
}

export type ParsedRule = HostRule | UnixRule
