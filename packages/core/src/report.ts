/**
 * The report model: the attempts the guard judged, in order, as plain JSON-ready data. It lists every
 * attempt up to a cap (`maxAttempts`), then keeps counting: the per-destination tally stays exact,
 * violations are listed up to the same cap, and `omittedAttempts` says how many are no longer listed.
 */
import { describeValue } from './errors.js'
import { DestinationTally } from './report-tally.js'
import type { EgressAttempt, EgressAttemptListener, EgressDestination } from './report-types.js'

export { destinationKey } from './report-tally.js'
export type {
  EgressAttempt,
  EgressAttemptListener,
  EgressDestination,
  EgressProtocol,
  EgressVerdict,
} from './report-types.js'

export interface EgressReportJSON {
  attempts: EgressAttempt[]
  violations: EgressAttempt[]
  destinations: EgressDestination[]
  /** Attempts past the cap, counted in `destinations` but not listed. Present only when > 0. */
  omittedAttempts?: number
  /** Violations past the cap, counted in `destinations` but not listed. Present only when > 0. */
  omittedViolations?: number
}

export interface EgressReportOptions {
  /**
   * How many attempts the report lists (and, separately, how many violations); past it, attempts are
   * only counted. A positive integer, or `Infinity` for no cap. Default 20 000.
   */
  maxAttempts?: number | undefined
}

export const DEFAULT_MAX_ATTEMPTS = 20_000

/** Only `blocked` and `recorded` are violations: any other verdict (`allowed`, and verdicts added later) is not. */
export function isViolation(attempt: Pick<EgressAttempt, 'verdict'>): boolean {
  return attempt.verdict === 'blocked' || attempt.verdict === 'recorded'
}

function resolveMaxAttempts(option: unknown): number {
  if (option === undefined) return DEFAULT_MAX_ATTEMPTS
  if (option === Number.POSITIVE_INFINITY) return option
  if (typeof option === 'number' && Number.isInteger(option) && option > 0) return option
  throw new TypeError(`maxAttempts must be a positive integer or Infinity, got ${describeValue(option)}`)
}

export class EgressReport {
  readonly #maxAttempts: number
  readonly #attempts: EgressAttempt[] = []
  readonly #violations: EgressAttempt[] = []
  readonly #tally = new DestinationTally()
  #omittedAttempts = 0
  #omittedViolations = 0
  // Replaced, never mutated, so that `add` iterates a stable list while listeners come and go.
  #listeners: readonly EgressAttemptListener[] = []

  constructor(options: EgressReportOptions = {}) {
    this.#maxAttempts = resolveMaxAttempts(options?.maxAttempts)
  }

  /** The cap on listed attempts (and on listed violations). */
  get maxAttempts(): number {
    return this.#maxAttempts
  }

  /** Every attempt, allowed or not, in the order judged, up to `maxAttempts`. */
  get attempts(): readonly EgressAttempt[] {
    return this.#attempts
  }

  /** Attempts the policy does not allow (blocked, or recorded in record mode), up to `maxAttempts`. */
  get violations(): readonly EgressAttempt[] {
    return this.#violations.slice()
  }

  /** How many attempts were added past the cap: counted in `destinations()`, not in `attempts`. */
  get omittedAttempts(): number {
    return this.#omittedAttempts
  }

  /** How many violations were added past the cap: counted in `destinations()`, not in `violations`. */
  get omittedViolations(): number {
    return this.#omittedViolations
  }

  add(attempt: EgressAttempt): void {
    if (this.#attempts.length < this.#maxAttempts) this.#attempts.push(attempt)
    else this.#omittedAttempts++
    if (isViolation(attempt)) {
      if (this.#violations.length < this.#maxAttempts) this.#violations.push(attempt)
      else this.#omittedViolations++
    }
    this.#tally.add(attempt)
    const listeners = this.#listeners
    for (let i = 0; i < listeners.length; i++) listeners[i]?.(attempt)
  }

  /**
   * Call `listener` with every attempt added from now on, listed or past the cap, synchronously in
   * `add`. Returns a function that ends the subscription (idempotent).
   */
  subscribe(listener: EgressAttemptListener): () => void {
    if (typeof listener !== 'function')
      throw new TypeError(`subscribe needs a function, got ${describeValue(listener)}`)
    this.#listeners = [...this.#listeners, listener]
    let subscribed = true
    return () => {
      if (!subscribed) return
      subscribed = false
      const index = this.#listeners.indexOf(listener)
      if (index !== -1) this.#listeners = this.#listeners.toSpliced(index, 1)
    }
  }

  /** Attempts grouped by destination, with exact counts (listed or not), in order of first appearance. */
  destinations(): EgressDestination[] {
    return this.#tally.list()
  }

  toJSON(): EgressReportJSON {
    const json: EgressReportJSON = {
      attempts: this.#attempts.map((a) => ({ ...a })),
      violations: this.#violations.map((a) => ({ ...a })),
      destinations: this.destinations(),
    }
    if (this.#omittedAttempts > 0) json.omittedAttempts = this.#omittedAttempts
    if (this.#omittedViolations > 0) json.omittedViolations = this.#omittedViolations
    return json
  }
}
