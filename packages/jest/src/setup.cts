/**
 * `setupFilesAfterEnv: ['@egress-guard/jest/setup']`: runs in each test file's sandbox before the
 * file, and hands the gate (loaded in the worker's real context) the sandbox's hook functions.
 */
import type * as Install from './install.js' with { 'resolution-mode': 'import' }

import nodeRequire = require('./node-require.cjs')

declare const beforeEach: Install.JestGlobals['beforeEach']
declare const afterEach: Install.JestGlobals['afterEach']
declare const afterAll: Install.JestGlobals['afterAll']
declare const expect: Install.JestGlobals['expect']

const { gateJestFile } = nodeRequire(__filename)('./install.js') as typeof Install
gateJestFile({ beforeEach, afterEach, afterAll, expect })
