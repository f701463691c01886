// The Docker engine: is it up, install it, start it (recording our PID), stop the one we started.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import { findExecutable, log, run } from './exec.mjs'
import { cacheDir, daemonPidFile, dockerSocket, engineLogFile, enginePidFile } from './paths.mjs'

/** Debian packages the engine and the image recipes need, keyed by the file that proves each is there. */
const requiredPackages = [
  ['/usr/sbin/dockerd', 'docker.io'],
  ['/usr/sbin/debootstrap', 'debootstrap'],
  ['/usr/bin/zstd', 'zstd'],
]

/** Resolves true when the engine answers `GET /_ping` on the unix socket within `timeoutMs`. */
export function isEngineUp(timeoutMs = 1000) {
  return new Promise((resolve) => {
    const req = http.get({ socketPath: dockerSocket, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume()
      resolve(res.statusCode === 200)
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(false))
  })
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return e.code === 'EPERM'
  }
}

function readPid(file) {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

/** Installs the Debian packages that are missing (docker.io, debootstrap, zstd). */
export async function installPackages() {
  const missing = requiredPackages.filter(([file]) => !findExecutable(file)).map(([, pkg]) => pkg)
  if (missing.length === 0) return []
  log(`installing Debian packages: ${missing.join(' ')}`)
  const env = { DEBIAN_FRONTEND: 'noninteractive' }
  await run('apt-get', ['update', '-qq'], { env })
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env })
  return missing
}

/** Removes `/var/run/docker.pid` when no live process owns it (a killed daemon leaves it behind). */
function removeStaleDaemonPidFile() {
  const pid = readPid(daemonPidFile)
  if (pid !== undefined && !isAlive(pid)) {
    log(`removing stale ${daemonPidFile} (pid ${pid} is gone)`)
    fs.rmSync(daemonPidFile, { force: true })
  }
}

/**
 * Makes sure an engine answers on /var/run/docker.sock. Reuses a running one; otherwise installs the
 * packages if needed and starts dockerd in its own session, writing its PID to `enginePidFile`.
 * Returns `{ started: boolean, pid?: number }`.
 */
export async function ensureEngine({ readyTimeoutMs = 60_000 } = {}) {
  if (await isEngineUp()) {
    log('reusing the running Docker engine')
    return { started: false }
  }
  await installPackages()
  if (await isEngineUp()) return { started: false }
  removeStaleDaemonPidFile()
  fs.mkdirSync(cacheDir, { recursive: true })
  const out = fs.openSync(engineLogFile, 'a')
  const child = spawn('/usr/sbin/dockerd', [], { detached: true, stdio: ['ignore', out, out] })
  fs.closeSync(out)
  child.unref()
  fs.writeFileSync(enginePidFile, `${child.pid}\n`)
  log(`started dockerd (pid ${child.pid}, log ${engineLogFile})`)
  const deadline = Date.now() + readyTimeoutMs
  while (Date.now() < deadline) {
    if (await isEngineUp()) return { started: true, pid: child.pid }
    if (!isAlive(child.pid)) break
    await new Promise((r) => setTimeout(r, 200))
  }
  const tail = fs.readFileSync(engineLogFile, 'utf8').split('\n').slice(-15).join('\n')
  throw new Error(`dockerd (pid ${child.pid}) did not become ready; last log lines:\n${tail}`)
}

/** Stops the dockerd whose PID `ensureEngine` recorded, by PID; does nothing when there is none. */
export async function stopEngine({ timeoutMs = 30_000 } = {}) {
  const pid = readPid(enginePidFile)
  if (pid === undefined) {
    log('no engine started by these scripts: nothing to stop')
    return false
  }
  if (isAlive(pid)) {
    log(`stopping dockerd (pid ${pid})`)
    process.kill(pid, 'SIGTERM')
    const deadline = Date.now() + timeoutMs
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    if (isAlive(pid)) {
      log(`dockerd (pid ${pid}) still running after ${timeoutMs} ms: sending SIGKILL`)
      process.kill(pid, 'SIGKILL')
    }
  }
  fs.rmSync(enginePidFile, { force: true })
  return true
}
