/** Registers `toContactOnly` for the integration tests and types it on Vitest's Assertion. */
import { type ContactMatchers, contactMatchers } from '@egress-guard/testcontainers'
import { expect } from 'vitest'

expect.extend(contactMatchers)

declare module 'vitest' {
  interface Assertion<T> extends ContactMatchers<T> {}
}
