/** Registers `toContactOnly` for the integration tests and types it on Vitest's Assertion. */
import { type ContactMatchers, contactMatchers } from '@egress-guard/testcontainers'
import { expect } from 'vitest'

expect.extend(contactMatchers)

declare module 'vitest' {
  // Vitest 5's extension point for custom matchers.
  interface Matchers<R, T> extends ContactMatchers<T> {}
}
