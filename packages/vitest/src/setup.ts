/**
 * `@egress-guard/vitest/setup`: the worker side. Vitest runs it before every test file, in every
 * pool, and again for each file in a reused worker (`isolate: false`); each run gates the file
 * being collected (worker/gate-test-file.ts, which Node loads once per worker), with the hook
 * functions of the Vitest that runs it.
 */
import { afterAll, afterEach, aroundEach, beforeAll, beforeEach, inject } from 'vitest'
import { gateTestFile } from './worker/gate-test-file.js'

gateTestFile({ afterAll, afterEach, aroundEach, beforeAll, beforeEach, inject })
