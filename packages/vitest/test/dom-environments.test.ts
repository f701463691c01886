import { describe, expect, it } from 'vitest'
import { isHermetic } from '../../../test-support/hermetic.js'
import { hasVitest4, runFixture } from './run-fixture.js'

for (const vitest of [5, 4] as const) {
  describe.runIf(isHermetic && (vitest === 5 || hasVitest4))(
    `DOM environments under Vitest ${vitest} (fixture: dom-environments)`,
    async () => {
      const run = await runFixture('dom-environments', { vitest })
      const byFile = (file: string) =>
        Object.fromEntries(
          (run.report?.tests ?? []).filter((t) => t.file.endsWith(file)).map((t) => [t.test, t.state]),
        )

      it('gates happy-dom (from the config) and jsdom (from a file comment) without crashing a file', () => {
        expect(run.output).not.toContain('cannot guard this process')
        expect(run.output).not.toContain('Cannot find module')
        // The report lists tests that made attempts; the environment checks make none.
        for (const file of ['happy-dom.spec.ts', 'jsdom.spec.ts']) {
          expect(byFile(file), file).toEqual({
            'reaches a loopback server': 'passed',
            'a swallowed fetch to a remote host still fails the test': 'failed',
          })
        }
        // Both environment checks passed too: 2 files, 6 tests, only the two remote fetches failed.
        expect(run.output).toMatch(/Test Files\s+2 failed \(2\)/)
        expect(run.output).toMatch(/Tests\s+2 failed \| 4 passed \(6\)/)
        expect(run.code).toBe(1)
      })

      it('names the remote destination in each failing test', () => {
        const failing = (run.report?.tests ?? []).filter((t) => t.state === 'failed')
        expect(failing).toHaveLength(2)
        for (const test of failing) {
          expect(test.failures).toMatchObject([{ kind: 'blocked', destination: 'remote.test:8080' }])
        }
        expect(run.output).toContain('allowEgress("remote.test:8080")')
      })
    },
  )
}

for (const vitest of [5, 4] as const) {
  describe.runIf(isHermetic && (vitest === 5 || hasVitest4))(
    `the bare setup file through workspace links in happy-dom, Vitest ${vitest} (fixture: dom-environments)`,
    async () => {
      const run = await runFixture('dom-environments', {
        vitest,
        args: ['--config', 'vitest.bare.config.ts'],
      })

      it('loads the setup file (no /@fs/ id handed to Node) and gates the DOM files', () => {
        expect(run.output).not.toContain('Cannot find module')
        expect(run.output).toMatch(/Tests\s+2 failed \| 4 passed \(6\)/)
        expect(run.code).toBe(1)
      })
    },
  )
}
