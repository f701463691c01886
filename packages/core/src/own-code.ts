/**
 * Where egress-guard's own code is: the folder of this file, `src/` or `dist/`. This file sits at the
 * root of that folder on purpose, in the tsc output (`dist/own-code.js`) and in the bundle
 * (`dist/index.js`) alike, so its URL names the package's code whatever folder the file asking is
 * in. Keep it at the root: `test/call-site-attribution.test.ts` fails if it moves.
 */
import { sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Absolute path of egress-guard's code folder, with a trailing separator. */
export const ownCodeRoot = fileURLToPath(new URL('.', import.meta.url)).replace(/[\\/]?$/, sep)

/** Whether `file` (an absolute path) is part of egress-guard's own code. */
export function isOwnCode(file: string): boolean {
  return file.startsWith(ownCodeRoot)
}
