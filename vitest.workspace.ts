import { fileURLToPath } from 'node:url'

// The one list of Vitest projects in this repository. Vitest 4+ removed workspace files,
// so vitest.config.ts imports this list as `test.projects`.

// The gate's packages are workspace links here, outside node_modules: have Node load their builds
// instead of Vite transforming them in every worker (docs/vitest.md, "Cost").
// Anchored at this repository's path: a DOM environment's Vite ids (`/@fs/…`) must not match.
const repository = fileURLToPath(new URL('.', import.meta.url)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const gateBuilds = { deps: { external: [new RegExp(`^${repository}packages/(core|vitest)/dist/`)] } }
export const projects = [
  {
    test: {
      name: 'core',
      root: './packages/core',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      setupFiles: ['./test/setup-restore-check.ts'],
    },
  },
  {
    test: {
      name: 'vitest',
      root: './packages/vitest',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      setupFiles: ['@egress-guard/vitest/setup'],
      server: gateBuilds,
    },
  },
  {
    test: {
      name: 'testcontainers',
      root: './packages/testcontainers',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      setupFiles: ['@egress-guard/vitest/setup'],
      server: gateBuilds,
    },
  },
  {
    test: {
      name: 'gate',
      root: './packages/gate',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    },
  },
  {
    // Runs the real `node --test` (Node 22, 24 and 26) on fixture projects. Not gated itself: the
    // guard would pass its own mode and preload to the runner it starts, over the fixture's config.
    test: {
      name: 'node-test',
      root: './packages/node-test',
      include: ['test/**/*.test.ts'],
    },
  },
  {
    // Runs the real `mocha` (10 and 11) on fixture projects. Not gated itself: the
    // guard would pass its own mode and preload to the runner it starts, over the fixture's config.
    test: {
      name: 'mocha',
      root: './packages/mocha',
      include: ['test/**/*.test.ts'],
    },
  },
  {
    // Runs the real Jest (29 and 30) on fixture projects. Not gated itself: the
    // guard would pass its own mode and preload to the runner it starts, over the fixture's config.
    test: {
      name: 'jest',
      root: './packages/jest',
      include: ['test/**/*.test.ts'],
      testTimeout: 60_000,
    },
  },
  {
    // Real Docker + testcontainers; run by `npm run test:integration`, outside the network namespace.
    test: {
      name: 'integration',
      root: './integration',
      include: ['**/*.test.ts'],
      exclude: ['**/node_modules/**'],
      passWithNoTests: true,
      testTimeout: 120_000,
      hookTimeout: 300_000,
    },
  },
]
