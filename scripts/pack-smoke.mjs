#!/usr/bin/env node
// Pack smoke test: what a user gets from the registry, not what the workspace links show.
//
//   node scripts/pack-smoke.mjs [--no-build]
//
// Builds, `npm pack`s every publishable workspace into a temporary folder, installs the tarballs
// into a fresh project outside the repository (no workspace links), then, with this Node, imports
// each package by name and checks that every value `src/index.ts` exports is there, that every
// subpath of its `exports` map resolves to a file, and that every `bin` is installed. A file left
// out of `files` fails here. Prints PASS/FAIL per package; exits non-zero on any failure.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { valueExportsOf } from './lib/public-exports.mjs'
import { capture, npm, npmCapture, publishablePackages, repoRoot } from './lib/run.mjs'

const build = !process.argv.includes('--no-build')
const packages = publishablePackages()
const work = mkdtempSync(join(tmpdir(), 'egress-guard-pack-smoke-'))
let failed = 0

try {
  if (build) npm(['run', 'build'], { cwd: repoRoot })
  const tarballs = packAll(join(work, 'tarballs'))
  const project = join(work, 'project')
  mkdirSync(project)
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'egress-guard-pack-smoke', version: '0.0.0', private: true, type: 'module' }, null, 2)}\n`,
  )
  console.log(`pack-smoke: installing ${tarballs.length} tarballs into ${project}`)
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-save', ...tarballs], { cwd: project })
  for (const pkg of packages) {
    const problems = checkInstalled(project, pkg)
    if (problems.length === 0) {
      console.log(`PASS ${pkg.manifest.name}`)
    } else {
      failed++
      console.log(`FAIL ${pkg.manifest.name}`)
      for (const problem of problems) console.log(`     - ${problem}`)
    }
  }
} catch (error) {
  failed++
  console.error(`FAIL pack-smoke: ${error.message}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
console.log(failed === 0 ? 'pack-smoke: all packages PASS' : `pack-smoke: ${failed} failure(s)`)
process.exit(failed === 0 ? 0 : 1)

/** `npm pack` each package; returns the tarball paths. */
function packAll(destination) {
  mkdirSync(destination)
  return packages.map((pkg) => {
    const result = npmCapture(['pack', '--json', '--pack-destination', destination], { cwd: pkg.dir })
    if (result.status !== 0) throw new Error(`npm pack ${pkg.relDir} failed:\n${result.stderr}`)
    const [info] = JSON.parse(result.stdout)
    console.log(`pack-smoke: packed ${info.filename} (${info.entryCount} files, ${info.size} bytes)`)
    return join(destination, info.filename)
  })
}

/** Imports the installed package in a child Node (ESM, by name) and lists what is wrong. */
function checkInstalled(project, pkg) {
  const name = pkg.manifest.name
  const subpaths = Object.keys(pkg.manifest.exports ?? {}).filter((key) => key !== '.' && !key.includes('*'))
  const probe = `
    const name = ${JSON.stringify(name)}
    const out = { exports: [], resolved: {} }
    const mod = await import(name)
    out.exports = Object.keys(mod)
    for (const sub of ${JSON.stringify(subpaths)}) {
      try { out.resolved[sub] = import.meta.resolve(name + sub.slice(1)) } catch (e) { out.resolved[sub] = 'ERROR ' + e.message }
    }
    console.log(JSON.stringify(out))
  `
  const result = capture(process.execPath, ['--input-type=module', '-e', probe], { cwd: project })
  if (result.status !== 0) return [`import('${name}') failed: ${firstErrorLine(result.stderr)}`]
  const found = JSON.parse(result.stdout.trim().split('\n').at(-1))
  const problems = []
  const expected = valueExportsOf(pkg.dir)
  for (const exportName of expected) {
    if (!found.exports.includes(exportName))
      problems.push(`missing export ${exportName} (exported by src/index.ts)`)
  }
  for (const [sub, url] of Object.entries(found.resolved)) {
    if (url.startsWith('ERROR')) problems.push(`subpath ${name}${sub.slice(1)} does not resolve: ${url}`)
    else if (!existsSync(new URL(url)))
      problems.push(`subpath ${name}${sub.slice(1)} points at a missing file ${url}`)
  }
  for (const bin of binNames(pkg.manifest)) {
    if (!existsSync(join(project, 'node_modules', '.bin', bin))) problems.push(`bin ${bin} was not installed`)
  }
  problems.push(...duplicateCopies(project, name))
  if (problems.length === 0) {
    console.log(
      `pack-smoke: ${name} exports ${expected.join(', ') || '(no values)'}; ${subpaths.length} subpath(s)`,
    )
  }
  return problems
}

/** A nested copy means a dependency came from the registry instead of the packed tarball. */
function duplicateCopies(project, name) {
  const listed = npmCapture(['ls', name, '--all', '--parseable'], { cwd: project })
  const copies = [
    ...new Set(listed.stdout.split('\n').filter((line) => line.endsWith(join('node_modules', name)))),
  ]
  if (copies.length === 1) return []
  return [
    `expected exactly one installed copy of ${name} (from its tarball), found ${copies.length}: ${copies.join(', ')}`,
  ]
}

function firstErrorLine(stderr) {
  const lines = stderr.trim().split('\n')
  return (lines.find((line) => /^\w*Error\b/.test(line)) ?? lines.at(-1) ?? '').trim()
}

function binNames(manifest) {
  if (!manifest.bin) return []
  if (typeof manifest.bin === 'string') return [manifest.name.split('/').at(-1)]
  return Object.keys(manifest.bin)
}
