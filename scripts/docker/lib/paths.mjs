// Where the Docker helper scripts keep state: outside the repository, in the user's cache.
import os from 'node:os'
import path from 'node:path'

/** `$XDG_CACHE_HOME/egress-guard` or `~/.cache/egress-guard`. */
export const cacheDir = path.join(
  process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
  'egress-guard',
)

/** PID of the dockerd that `ensure-engine` started (absent when the engine was already running). */
export const enginePidFile = path.join(cacheDir, 'dockerd.pid')
export const engineLogFile = path.join(cacheDir, 'dockerd.log')

/** Saved images (`docker save | zstd`), one tarball per recipe hash. */
export const imageCacheDir = path.join(cacheDir, 'images')

/** The Docker daemon's own pid file: stale after a killed daemon, and then dockerd refuses to start. */
export const daemonPidFile = '/var/run/docker.pid'
export const dockerSocket = '/var/run/docker.sock'
