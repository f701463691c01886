// try-suite's first step, outside the network namespace: pack egress-guard and @egress-guard/vitest
// from their current dist/ and install the tarballs into the suite's directory without saving them.
// The build is not run here: other work may be under way in packages/*/src.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { npm, npmCapture, repoRoot } from './run.mjs'

export const GUARD_PACKAGES = ['packages/core', 'packages/vitest']

/** Packs both packages into `destination` and installs the tarballs into `suiteDir`. */
export function installGuard(suiteDir, destination) {
  mkdirSync(destination, { recursive: true })
  const tarballs = GUARD_PACKAGES.map((pkg) => pack(join(repoRoot, pkg), destination))
  npm(['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', ...tarballs], {
    cwd: suiteDir,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  return tarballs
}

function pack(packageDir, destination) {
  const built = join(packageDir, 'dist', 'index.js')
  if (!existsSync(built)) {
    throw new Error(`${built} is missing: run \`npm run build\` in ${repoRoot} first`)
  }
  const stale = newestMtime(join(packageDir, 'src')) > statSync(built).mtimeMs
  if (stale) console.warn(`try-suite: warning: ${packageDir}/src is newer than dist/; packing dist/ as it is`)
  const result = npmCapture(['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
    cwd: packageDir,
  })
  if (result.status !== 0) throw new Error(`npm pack in ${packageDir} failed:\n${result.stderr}`)
  const [info] = JSON.parse(result.stdout)
  console.log(`try-suite: packed ${info.filename} (${info.entryCount} files)`)
  return join(destination, info.filename)
}

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}
