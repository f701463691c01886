// Recipe: the Bolt stand-in (integration/bolt-standin) on a minimal root filesystem: the project's
// own Node binary (node_modules/node), the shared libraries `ldd` lists for it, and the compiled
// stand-in. No package manager, no shell, no registry.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { dockerCli, run } from '../../lib/exec.mjs'
import { recipeHash } from '../../lib/image-cache.mjs'
import { cacheDir } from '../../lib/paths.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '../../../..')
const standin = path.join(repo, 'integration/bolt-standin')
const nodeBinary = fs.realpathSync(path.join(repo, 'node_modules/node/bin/node'))
const sources = fs
  .readdirSync(path.join(standin, 'src'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .sort()
  .map((f) => path.join(standin, 'src', f))
const changes = [
  'ENTRYPOINT ["/usr/local/bin/node", "/opt/bolt-standin/main.js"]',
  'ENV BOLT_PORT=7687',
  'EXPOSE 7687',
]

/** Absolute paths of the shared objects the binary loads, from `ldd`. */
async function sharedLibraries(binary) {
  const out = await run('ldd', [binary], { capture: true })
  return [...out.matchAll(/(\/\S+)\s+\(0x/g)].map((m) => m[1])
}

const nodeVersion = (await run(nodeBinary, ['--version'], { capture: true })).trim()
const libraries = await sharedLibraries(nodeBinary)

export const name = 'bolt-standin'
export const hash = recipeHash([
  { file: fileURLToPath(import.meta.url) },
  { file: path.join(standin, 'tsconfig.json') },
  ...sources.map((file) => ({ file })),
  nodeVersion,
  libraries.join(' '),
])
export const tag = `egress-guard/bolt-standin:${hash}`

export async function build(target) {
  const rootfs = path.join(cacheDir, 'build', `bolt-standin-${hash}`)
  fs.rmSync(rootfs, { recursive: true, force: true })
  try {
    const app = path.join(rootfs, 'opt/bolt-standin')
    await run(path.join(repo, 'node_modules/.bin/tsc'), [
      '-p',
      path.join(standin, 'tsconfig.json'),
      '--outDir',
      app,
    ])
    fs.writeFileSync(path.join(app, 'package.json'), '{ "type": "module" }\n')
    const copy = (from, to) => {
      fs.mkdirSync(path.dirname(to), { recursive: true })
      fs.copyFileSync(from, to) // follows symlinks: the image gets the real file
      fs.chmodSync(to, fs.statSync(from).mode)
    }
    copy(nodeBinary, path.join(rootfs, 'usr/local/bin/node'))
    for (const lib of libraries) copy(lib, path.join(rootfs, lib))
    fs.mkdirSync(path.join(rootfs, 'tmp'), { mode: 0o1777 })
    fs.chmodSync(path.join(rootfs, 'tmp'), 0o1777)
    const importArgs = ['import', ...changes.flatMap((c) => ['--change', c]), '-', target]
    const tar = `tar --numeric-owner --owner=0 --group=0 -C '${rootfs}' -c .`
    await run('sh', ['-c', `${tar} | ${dockerCli()} ${importArgs.map((a) => `'${a}'`).join(' ')}`], {
      capture: true,
    })
  } finally {
    fs.rmSync(rootfs, { recursive: true, force: true })
  }
}
