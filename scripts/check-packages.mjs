#!/usr/bin/env node
// Lints every publishable workspace as it will be published (packed), with two tools:
//
//   node scripts/check-packages.mjs [--no-build]
//
// - publint (`--strict`: its warnings fail too; suggestions are printed but do not fail), on the
//   `npm pack` output of each package.
// - @arethetypeswrong/cli `--pack`, profile `esm-only`: the packages are ESM only ("type": "module",
//   no `require` condition), so the node10 and node16-from-CJS resolutions are out of scope by design;
//   every ESM resolution (node16-from-ESM, bundler) must find correct types. `--no-definitely-typed`
//   keeps it off the registry: the packages ship their own declarations. No rule is ignored.
//   attw exits 0 for a package without any types, so a package must also report included types.
// Exits non-zero if any package has an error in either tool.
import { join } from 'node:path'
import { capture, npm, publishablePackages, repoRoot, run } from './lib/run.mjs'

const build = !process.argv.includes('--no-build')
const bin = (name) => join(repoRoot, 'node_modules', '.bin', name)
const checks = [
  { tool: 'publint', command: bin('publint'), args: ['run', '--strict', '--pack', 'npm', '.'] },
  {
    tool: 'attw',
    command: bin('attw'),
    args: [
      ...['--pack', '.', '--profile', 'esm-only', '--no-definitely-typed', '--format', 'table-flipped'],
      ...(process.stdout.isTTY ? [] : ['--no-color']),
    ],
  },
]

if (build) {
  try {
    npm(['run', 'build'], { cwd: repoRoot })
  } catch (error) {
    console.error(`FAIL check-packages: ${error.message}`)
    process.exit(1)
  }
}
const results = []
for (const pkg of publishablePackages()) {
  for (const check of checks) {
    console.log(`\n==> ${check.tool} ${pkg.manifest.name}`)
    let ok = true
    try {
      run(check.command, check.args, { cwd: pkg.dir })
      if (check.tool === 'attw') assertShipsTypes(pkg)
    } catch (error) {
      ok = false
      console.error(error.message)
    }
    results.push({ name: pkg.manifest.name, tool: check.tool, ok })
  }
}

console.log('\ncheck-packages summary')
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.tool.padEnd(8)} ${r.name}`)
const failures = results.filter((r) => !r.ok).length
console.log(failures === 0 ? 'check-packages: all PASS' : `check-packages: ${failures} failure(s)`)
process.exit(failures === 0 ? 0 : 1)

/** attw passes a package that has no types at all; ours must ship their own declarations. */
function assertShipsTypes(pkg) {
  const args = ['--pack', '.', '--profile', 'esm-only', '--no-definitely-typed', '--format', 'json']
  const result = capture(bin('attw'), args, { cwd: pkg.dir })
  const types = JSON.parse(result.stdout).analysis?.types
  if (types?.kind !== 'included') {
    throw new Error(`${pkg.manifest.name} ships no type declarations (attw types: ${JSON.stringify(types)})`)
  }
}
