#!/usr/bin/env node
// Build step after tsc: bundle the worker's gate (src/worker/gate-test-file.ts and what it imports)
// into the one file dist/worker/gate-test-file.js, replacing tsc's output of it. Each Vitest worker
// then loads one module of this package instead of about ten, each resolving `egress-guard` and
// `vitest` again (ADR 0018). Node's built-ins and the packages it depends on stay imports.
import { rolldown } from 'rolldown'

const isBareOrBuiltin = (id) => !id.startsWith('.') && !id.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(id)

const bundle = await rolldown({
  input: new URL('../src/worker/gate-test-file.ts', import.meta.url).pathname,
  platform: 'node',
  external: isBareOrBuiltin,
  logLevel: 'warn',
  onLog(level, log) {
    throw new Error(`bundling the worker gate of @egress-guard/vitest: ${level}: ${log.message}`)
  },
})
await bundle.write({
  file: new URL('../dist/worker/gate-test-file.js', import.meta.url).pathname,
  format: 'esm',
})
await bundle.close()
