/** Errors of @egress-guard/testcontainers, each with a stable `code` and plain-data fields. */
import type { UnexpectedDestination } from './contact-diff.js'
import type { DeclaredStore } from './declared-store.js'

/** A container passed as a declared store was never started, or is stopped or removed. */
export class ContainerStateError extends Error {
  readonly code = 'ERR_CONTAINER_NOT_RUNNING'
  constructor(
    readonly container: string,
    readonly state: 'never-started' | 'stopped' | 'removed' | 'no-published-ports',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'ContainerStateError'
  }
}

/** The report shows contact with undeclared destinations, or a declared store was never reached. */
export class ContactAssertionError extends Error {
  readonly code = 'ERR_EGRESS_UNDECLARED_CONTACT'
  constructor(
    message: string,
    readonly unexpected: UnexpectedDestination[],
    readonly missing: DeclaredStore[],
  ) {
    super(message)
    this.name = 'ContactAssertionError'
  }
}
