/**
 * Node's own `require`, from inside a Jest test file's sandbox. Jest runs setup and test files in a
 * `vm` context with its own module registry, which cannot `require()` an ES module (Jest 30 only
 * can on Node 24.9+ with `--experimental-vm-modules`), and Jest 30 also answers
 * `process.getBuiltinModule('module').createRequire` with its own registry. `vm.runInThisContext`
 * evaluates in the worker's real context, where Node's `createRequire` loads the gate (ESM, through
 * `require(esm)`, Node 22.12+) once per worker, on the real `globalThis`, patching the same built-in
 * modules that the test file gets from Jest.
 */
import vm = require('node:vm')

type NodeRequire = (id: string) => unknown

function nodeRequire(from: string): NodeRequire {
  const createRequire = vm.runInThisContext("process.getBuiltinModule('node:module').createRequire") as (
    from: string,
  ) => NodeRequire
  return createRequire(from)
}

export = nodeRequire
