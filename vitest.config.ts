import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { projects } from './vitest.workspace.js'

// Dogfooding: the `vitest` and `testcontainers` projects run under @egress-guard/vitest's gate
// (their setupFiles); this reporter prints what they contacted. The committed baseline lists their
// known destinations: a record-mode run of those projects fails only on new ones
// (`EGRESS_GUARD_MODE=record npx vitest run --project vitest --project testcontainers`), and
// `EGRESS_GUARD_UPDATE=1` rewrites it.
process.env.EGRESS_GUARD_BASELINE ??= fileURLToPath(new URL('./egress-baseline.json', import.meta.url))

export default defineConfig({
  test: {
    projects,
    reporters: ['default', '@egress-guard/vitest/reporter'],
  },
})
