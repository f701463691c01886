// Run a command, inheriting or capturing its output, failing with the command line and exit status.
import { spawn } from 'node:child_process'
import fs from 'node:fs'

/**
 * Runs `cmd args…`. Resolves with captured stdout (when `capture`), rejects naming the command and
 * its exit status. `input` is piped to stdin (a string, Buffer or readable stream).
 */
export function run(cmd, args, { capture = false, input, env, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: env ? { ...process.env, ...env } : process.env,
      stdio: [
        input === undefined ? 'ignore' : 'pipe',
        capture ? 'pipe' : 'inherit',
        capture ? 'pipe' : 'inherit',
      ],
    })
    let out = ''
    let err = ''
    if (capture) {
      child.stdout.on('data', (d) => {
        out += d
      })
      child.stderr.on('data', (d) => {
        err += d
      })
    }
    if (input !== undefined) {
      if (typeof input === 'string' || Buffer.isBuffer(input)) child.stdin.end(input)
      else input.pipe(child.stdin)
    }
    child.on('error', (e) => reject(new Error(`cannot run ${cmd}: ${e.message}`, { cause: e })))
    child.on('close', (code, signal) => {
      if (code === 0) resolve(out)
      else
        reject(
          new Error(
            `${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${err ? `:\n${err.trim()}` : ''}`,
          ),
        )
    })
  })
}

/** True when an executable exists at one of `paths`; returns the first one found. */
export function findExecutable(...paths) {
  for (const p of paths) {
    try {
      fs.accessSync(p, fs.constants.X_OK)
      return p
    } catch {}
  }
  return undefined
}

/** The docker CLI that ships with the daemon (docker.io) if present, else whatever `docker` is on PATH. */
export function dockerCli() {
  return findExecutable('/usr/bin/docker') ?? 'docker'
}

export function log(message) {
  process.stderr.write(`[docker] ${message}\n`)
}
