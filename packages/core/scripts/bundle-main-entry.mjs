#!/usr/bin/env node
// Build step after tsc: bundle the main entry (src/index.ts) into the one file dist/index.js,
// replacing tsc's output of it. A Vitest worker or any process importing `egress-guard` then loads
// one module instead of about eighty, which halves the import (ADR 0018). The other entries
// (register, cli) and the declaration files stay as tsc wrote them. Node's built-ins and the
// package's dependencies stay imports.
import { rolldown } from 'rolldown'

const isBareOrBuiltin = (id) => !id.startsWith('.') && !id.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(id)

const bundle = await rolldown({
  input: new URL('../src/index.ts', import.meta.url).pathname,
  platform: 'node',
  external: isBareOrBuiltin,
  logLevel: 'warn',
  onLog(level, log) {
    throw new Error(`bundling egress-guard's main entry: ${level}: ${log.message}`)
  },
})
await bundle.write({ file: new URL('../dist/index.js', import.meta.url).pathname, format: 'esm' })
await bundle.close()
