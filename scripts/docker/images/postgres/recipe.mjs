// Recipe: Postgres 15 from Debian bookworm packages, laid out so @testcontainers/postgresql starts it
// unchanged (POSTGRES_* env, pg_isready on PATH, an entrypoint that execs postgres, SIGINT to stop).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { debianMirror } from '../../lib/debian-mirror.mjs'
import { dockerCli, log, run } from '../../lib/exec.mjs'
import { addStopSignal, recipeHash } from '../../lib/image-cache.mjs'
import { cacheDir } from '../../lib/paths.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const entrypoint = path.join(here, 'docker-entrypoint.sh')
const debootstrapArgs = ['--variant=minbase', '--include=postgresql-15', 'bookworm']
const pgBin = '/usr/lib/postgresql/15/bin'
const changes = [
  `ENV PATH=${pgBin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
  'ENV PGDATA=/var/lib/postgresql/data',
  'ENV LANG=C.UTF-8',
  'EXPOSE 5432',
  'ENTRYPOINT ["docker-entrypoint.sh"]',
  'CMD ["postgres"]',
]

export const name = 'postgres'
export const hash = recipeHash([
  { file: fileURLToPath(import.meta.url) },
  { file: entrypoint },
  debootstrapArgs.join(' '),
])
export const tag = `egress-guard/postgres:15-${hash}`

export async function build(target) {
  const rootfs = path.join(cacheDir, 'build', `postgres-${hash}`)
  fs.rmSync(rootfs, { recursive: true, force: true })
  fs.mkdirSync(rootfs, { recursive: true })
  try {
    const mirror = debianMirror()
    log(`debootstrap ${debootstrapArgs.join(' ')} from ${mirror} (about 2 minutes)`)
    await run('debootstrap', [...debootstrapArgs, rootfs, mirror], { capture: true })
    // Leave out what a server never uses: the package cache, docs, and the cluster Debian's
    // postinst created (the entrypoint initialises its own in $PGDATA).
    for (const p of ['var/cache/apt/archives', 'usr/share/doc', 'usr/share/man', 'var/lib/apt/lists']) {
      fs.rmSync(path.join(rootfs, p), { recursive: true, force: true })
    }
    fs.rmSync(path.join(rootfs, 'var/lib/postgresql/15'), { recursive: true, force: true })
    fs.copyFileSync(entrypoint, path.join(rootfs, 'usr/local/bin/docker-entrypoint.sh'))
    fs.chmodSync(path.join(rootfs, 'usr/local/bin/docker-entrypoint.sh'), 0o755)
    const base = `${target}-base`
    const tar = ['tar', '--numeric-owner', '-C', rootfs, '-c', '.']
    const importArgs = ['import', ...changes.flatMap((c) => ['--change', c]), '-', base]
    await run('sh', ['-c', `${tar.join(' ')} | ${dockerCli()} ${importArgs.map(shellQuote).join(' ')}`], {
      capture: true,
    })
    await addStopSignal(base, target, 'SIGINT')
  } finally {
    fs.rmSync(rootfs, { recursive: true, force: true })
  }
}

function shellQuote(s) {
  return `'${s.replaceAll("'", `'\\''`)}'`
}
