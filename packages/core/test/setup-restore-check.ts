// Shared afterEach for the core project: every test must leave every patchable property exactly as
// it was (same descriptor, same value), and no guard scope alive.
import { afterEach, beforeEach, expect } from 'vitest'
import { changedSince, type Snapshot, snapshotPatchedGlobals } from '../../../test-support/patched-globals.js'

// Node's fetch sets its global dispatcher lazily: initialise it (no network: a data: URL) so that
// a test's first fetch does not look like a leaked patch.
await (await fetch('data:,ready')).text()

let before: Snapshot

beforeEach(() => {
  before = snapshotPatchedGlobals()
})

afterEach(() => {
  expect(changedSince(before), 'properties left patched after the test').toEqual([])
  const state = (process as unknown as Record<symbol, { liveScopes: number } | undefined>)[
    Symbol.for('egress-guard.state.v1')
  ]
  expect(state?.liveScopes ?? 0, 'guard scopes left alive after the test').toBe(0)
})
