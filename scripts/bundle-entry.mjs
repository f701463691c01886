#!/usr/bin/env node
// Build step after tsc: bundle one entry point of a package into a single file, replacing tsc's
// output of it (ADR 0018). Run from the package directory:
//
//   node ../../scripts/bundle-entry.mjs src/index.ts dist/index.js
//
// The bundle is built from source, so a stale tsc output is never bundled. Node's built-ins and
// every package the entry imports stay imports; only the package's own modules are inlined.
import { resolve } from 'node:path'
import { rolldown } from 'rolldown'

const [input, output] = process.argv.slice(2)
if (!input || !output) {
  console.error('usage: node scripts/bundle-entry.mjs SOURCE_ENTRY OUTPUT_FILE')
  process.exit(2)
}
const isBareOrBuiltin = (id) => !id.startsWith('.') && !id.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(id)

const bundle = await rolldown({
  input: resolve(input),
  platform: 'node',
  external: isBareOrBuiltin,
  logLevel: 'warn',
  onLog(level, log) {
    throw new Error(`bundling ${input}: ${level}: ${log.message}`)
  },
})
await bundle.write({ file: resolve(output), format: 'esm' })
await bundle.close()
