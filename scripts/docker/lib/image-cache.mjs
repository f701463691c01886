// Images keyed by their recipe's hash: present in the engine, else loaded from a cached tarball,
// else built and saved (`docker save | zstd`) outside the repository.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { dockerCli, log, run } from './exec.mjs'
import { imageCacheDir } from './paths.mjs'

/** sha256 over the given strings and file contents, first 12 hex digits. */
export function recipeHash(parts) {
  const h = createHash('sha256')
  for (const part of parts) {
    h.update(part.file ? fs.readFileSync(part.file) : String(part))
    h.update('\0')
  }
  return h.digest('hex').slice(0, 12)
}

export async function hasImage(tag) {
  try {
    await run(dockerCli(), ['image', 'inspect', '--format', '{{.Id}}', tag], { capture: true })
    return true
  } catch {
    return false
  }
}

/** Pipes `a`'s stdout into `b`'s stdin; rejects naming whichever command failed. */
function pipeline(a, b) {
  return new Promise((resolve, reject) => {
    const pa = spawn(a[0], a.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] })
    const pb = spawn(b[0], b.slice(1), { stdio: [pa.stdout, 'inherit', 'inherit'] })
    // The child b now holds the pipe; the parent's end would keep it open forever.
    pa.stdout.destroy()
    const codes = new Map()
    const done = (name, code, signal) => {
      codes.set(name, code)
      if (code !== 0)
        reject(new Error(`${name} failed (${signal ?? `exit ${code}`}) in: ${a.join(' ')} | ${b.join(' ')}`))
      else if (codes.size === 2) resolve()
    }
    pa.on('error', reject)
    pb.on('error', reject)
    pa.on('exit', (code, signal) => done(a[0], code, signal))
    pb.on('exit', (code, signal) => done(b[0], code, signal))
  })
}

export function cacheFile(name, hash) {
  return path.join(imageCacheDir, `${name}-${hash}.tar.zst`)
}

/**
 * Ensures `tag` exists: reuse, load the cached tarball, or `build()` then save the tarball.
 * Returns how it was obtained: 'present' | 'cache' | 'built'.
 */
export async function ensureImage({ name, tag, hash, build }) {
  const file = cacheFile(name, hash)
  if (await hasImage(tag)) {
    if (!fs.existsSync(file)) await saveImage(name, tag, file)
    return 'present'
  }
  if (fs.existsSync(file)) {
    log(`loading ${tag} from ${file}`)
    await pipeline(['zstd', '-dcq', file], [dockerCli(), 'load', '-q'])
    if (await hasImage(tag)) return 'cache'
    log(`${file} did not contain ${tag}: rebuilding`)
  }
  log(`building ${tag}`)
  await build(tag)
  await saveImage(name, tag, file)
  return 'built'
}

/** Writes `docker save tag | zstd` to `file`, replacing older tarballs of the same image name. */
async function saveImage(name, tag, file) {
  fs.mkdirSync(imageCacheDir, { recursive: true })
  for (const old of fs.readdirSync(imageCacheDir)) {
    if (old.startsWith(`${name}-`) && old.endsWith('.tar.zst')) fs.rmSync(path.join(imageCacheDir, old))
  }
  const tmp = `${file}.partial`
  await pipeline([dockerCli(), 'save', tag], ['zstd', '-q', '-T0', '-3', '-f', '-o', tmp])
  fs.renameSync(tmp, file)
  log(`cached ${tag} as ${file} (${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB)`)
}

/** Adds `STOPSIGNAL` (which `docker import` rejects) with a one-line build on top of `base`. */
export async function addStopSignal(base, tag, signal) {
  await run(dockerCli(), ['build', '-q', '-t', tag, '-'], {
    input: `FROM ${base}\nSTOPSIGNAL ${signal}\n`,
    env: { DOCKER_BUILDKIT: '0' },
    capture: true,
  })
  await run(dockerCli(), ['rmi', base], { capture: true })
}
