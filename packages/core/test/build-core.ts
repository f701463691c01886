/** Build packages/core/dist once for tests that load the package through Node itself. */
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const packageDir = fileURLToPath(new URL('..', import.meta.url))

/** The package's own build (`npm run build -w packages/core`): tsc, then the bundled main entry. */
export function buildCore(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: packageDir, stdio: 'pipe' })
  execFileSync(process.execPath, ['../../scripts/bundle-entry.mjs', 'src/index.ts', 'dist/index.js'], {
    cwd: packageDir,
    stdio: 'pipe',
  })
}
