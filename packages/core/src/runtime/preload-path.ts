/**
 * Where the `register` preload is on disk, and the `NODE_OPTIONS` value that loads it. Every Node
 * process started with that value (children, grandchildren, workers reading it) runs the guard.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { EgressGuardError } from '../errors.js'

let cached: string | undefined

/** Absolute path of the built `register.js`: beside this package's build, else through the package's exports. */
export function preloadPath(): string {
  if (cached) return cached
  // This file is dist/runtime/preload-path.js as tsc writes it, or part of the bundle dist/index.js.
  const here = dirname(fileURLToPath(import.meta.url))
  const sibling = join(basename(here) === 'runtime' ? dirname(here) : here, 'register.js')
  if (existsSync(sibling)) {
    cached = sibling
    return sibling
  }
  try {
    cached = createRequire(import.meta.url).resolve('egress-guard/register')
    return cached
  } catch (error) {
    throw new EgressGuardError(
      `egress-guard cannot pass its preload to a child process: ${sibling} does not exist and ` +
        'egress-guard/register does not resolve (build the package: npm run build -w packages/core)',
      'ERR_EGRESS_GUARD',
      { cause: error },
    )
  }
}

/** Quote a path for NODE_OPTIONS, which splits on spaces and honours double quotes. */
function quoteOption(value: string): string {
  return /[\s"\\]/.test(value) ? `"${value.replace(/(["\\])/g, '\\$1')}"` : value
}

/** `current` plus `--require <preload>`, unless it already loads the preload. */
export function nodeOptionsWithPreload(current: string | undefined, preload = preloadPath()): string {
  if (current?.includes(preload)) return current
  const flag = `--require ${quoteOption(preload)}`
  return current?.trim() ? `${current} ${flag}` : flag
}
