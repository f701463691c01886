/**
 * The preload: `node --require egress-guard/register app.js` (or `--import egress-guard/register`).
 *
 * Configured by `EGRESS_GUARD_MODE` (block | record | off), `EGRESS_GUARD_ALLOW` (comma list of rules)
 * and `EGRESS_GUARD_REPORT` (path of the JSON report); see docs/cli.md. With the mode `off` it
 * returns before loading the guard, so a switched-off preload costs next to nothing at start-up.
 * The rest is loaded synchronously (`require` of ESM, Node >= 22.12), so the guard is in place
 * before the application's first line runs.
 */
import { createRequire } from 'node:module'

if (process.env.EGRESS_GUARD_MODE?.trim().toLowerCase() !== 'off') {
  const { registerGuard } = createRequire(import.meta.url)('./runtime/register-guard.js') as {
    registerGuard: () => void
  }
  registerGuard()
}
