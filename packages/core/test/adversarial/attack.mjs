// One attempt, in a Worker or a child process: `node attack.mjs '<action JSON>'` prints
// `CORPUS-ATTACK {value|error}`; as a Worker it posts the same object. It never loads the guard
// itself: only the preload (or nothing, for the cases that show what escapes) guards it.
import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import { perform, serialize } from './kit.mjs'

const action = isMainThread ? JSON.parse(process.argv[2] ?? '{}') : workerData
let result
try {
  result = { value: await perform(action) }
} catch (error) {
  result = { error: serialize(error) }
}
if (isMainThread) {
  process.stdout.write(`CORPUS-ATTACK ${JSON.stringify(result)}\n`)
  process.exit(0)
} else parentPort.postMessage(result)
