// Case side of the bypass corpus: small promise helpers for one attempt each (TCP, HTTP, fetch, UDP,
// a Worker, a child process), and the error (de)serialisation that carries a refusal across a
// thread or process boundary. This module never loads the guard: a case, or a preload, does that.
import { spawn } from 'node:child_process'
import dgram from 'node:dgram'
import http from 'node:http'
import net from 'node:net'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'

export const ATTACK = fileURLToPath(new URL('./attack.mjs', import.meta.url))
export const REMOTE_V4 = '198.18.0.10'
export const OTHER_V4 = '198.18.0.11'
export const REMOTE_V6 = '2001:db8::10'
export const DNS_SERVER = '198.18.0.53'
const WAIT_MS = 4000

/** Where this case's servers listen (set by run-corpus.mjs): one port on every fake address. */
export const targets = JSON.parse(process.env.CORPUS_TARGETS ?? '{"port":9,"proxyPort":9}')

export function timeout(promise, ms = WAIT_MS, what = 'attempt') {
  let timer
  const expired = new Promise((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          Object.assign(new Error(`corpus: ${what} neither succeeded nor failed in ${ms} ms`), {
            code: 'CORPUS_TIMEOUT',
          }),
        ),
      ms,
    )
  })
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer))
}

/** `process.binding(name)` without its deprecation warning. */
export function binding(name) {
  const { emitWarning } = process
  process.emitWarning = () => {}
  try {
    return process.binding(name)
  } finally {
    process.emitWarning = emitWarning
  }
}

/** Settles when `socket` connects ('connected') or fails. */
export function connected(socket) {
  return timeout(
    new Promise((resolve, reject) => {
      socket.once('connect', () => {
        socket.destroy()
        resolve('connected')
      })
      socket.once('error', reject)
    }),
  )
}

export const tcp = (options) => connected(net.connect(options))

export function collect(res) {
  return new Promise((resolve, reject) => {
    let body = ''
    res.setEncoding('utf8')
    res.on('data', (d) => {
      body += d
    })
    res.on('end', () => resolve(body))
    res.on('error', reject)
  })
}

/** `http.request` → the response body. */
export function httpRequest(urlOrOptions, options = {}) {
  return timeout(
    new Promise((resolve, reject) => {
      const req =
        typeof urlOrOptions === 'string'
          ? http.request(urlOrOptions, options, (res) => collect(res).then(resolve, reject))
          : http.request(urlOrOptions, (res) => collect(res).then(resolve, reject))
      req.on('error', reject)
      req.end()
    }),
  )
}

export const fetchText = (url, init) => timeout(fetch(url, init).then((r) => r.text()))

/** One datagram; 'sent' when the send callback reports success. */
export function udpSend({ type = 'udp4', host, port, connect = false, lookup }) {
  const socket = dgram.createSocket(lookup ? { type, lookup } : { type })
  const done = new Promise((resolve, reject) => {
    socket.once('error', reject)
    const send = () =>
      socket.send(Buffer.from('exfil'), ...(connect ? [] : [port, host]), (error) =>
        error ? reject(error) : resolve('sent'),
      )
    if (connect) socket.connect(port, host, (error) => (error ? reject(error) : send()))
    else send()
  })
  return timeout(done).finally(() => socket.close())
}

export function serialize(error, depth = 0) {
  if (error === null || typeof error !== 'object') return { message: String(error) }
  return {
    name: error.name,
    code: typeof error.code === 'string' ? error.code : undefined,
    message: String(error.message),
    cause: depth < 5 && error.cause !== undefined ? serialize(error.cause, depth + 1) : undefined,
    errors: Array.isArray(error.errors)
      ? error.errors.slice(0, 6).map((e) => serialize(e, depth + 1))
      : undefined,
  }
}

export function revive(s) {
  const error = new Error(s.message)
  error.name = s.name ?? 'Error'
  if (s.code) error.code = s.code
  if (s.cause) error.cause = revive(s.cause)
  if (s.errors) error.errors = s.errors.map(revive)
  return error
}

/** One attempt as attack.mjs performs it, in this thread. */
export async function perform(action) {
  switch (action.kind) {
    case 'tcp':
      return tcp({ host: action.host, port: action.port })
    case 'http':
      return httpRequest(action.url)
    case 'fetch':
      return fetchText(action.url)
    case 'udp':
      return udpSend(action)
    case 'lookup': {
      const dns = await import('node:dns')
      return (await timeout(dns.promises.lookup(action.host))).address
    }
    default:
      throw new Error(`corpus: unknown action ${action.kind}`)
  }
}

/** A Worker running attack.mjs (or `source` with `eval: true`): its value, or its error. */
export function worker(specifier, options) {
  return timeout(
    new Promise((resolve, reject) => {
      const w = new Worker(specifier, options)
      let settled = false
      w.on('message', (m) => {
        settled = true
        if (m.error) reject(revive(m.error))
        else resolve(m.value)
      })
      w.on('error', (e) => {
        settled = true
        reject(e)
      })
      w.on('exit', (code) => {
        if (!settled) reject(new Error(`corpus: worker exited with ${code} without a result`))
      })
    }),
    8000,
    'worker',
  )
}

/** Start `argv` with piped output; `done(code, signal, stdout, stderr, marked)` when it closes. */
export function started(argv, options, done, marker) {
  const p = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], ...options })
  let stdout = ''
  let stderr = ''
  p.stdout.setEncoding('utf8').on('data', (d) => {
    stdout += d
  })
  p.stderr.setEncoding('utf8').on('data', (d) => {
    stderr += d
  })
  p.on('close', (code, signal) => {
    const line = stdout.split('\n').find((l) => l.startsWith(`${marker} `))
    done(code, signal, stdout, stderr, line ? JSON.parse(line.slice(marker.length + 1)) : undefined)
  })
  return p
}

/** Start a process; resolve with its attack.mjs result (or reject with its error). */
export function child(file, args, options = {}) {
  return timeout(
    new Promise((resolve, reject) => {
      const settle = (code, _signal, _stdout, stderr, result) => {
        if (!result) reject(new Error(`corpus: child exited ${code} without a result: ${stderr.slice(-600)}`))
        else if (result.error) reject(revive(result.error))
        else resolve(result.value)
      }
      started([file, ...args], options, settle, 'CORPUS-ATTACK').on('error', reject)
    }),
    9000,
    'child process',
  )
}

/** Arguments for `node …` that run one attack. */
export const attackArgs = (action) => [ATTACK, JSON.stringify(action)]
/** The same as one shell word. */
export const attackShell = (action) => `'${ATTACK}' '${JSON.stringify(action)}'`
