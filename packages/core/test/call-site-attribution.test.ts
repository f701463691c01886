import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { firstUserFrame } from '../src/guard/call-site.js'
import { isOwnCode, ownCodeRoot } from '../src/own-code.js'

const source = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url))
const thisFile = fileURLToPath(import.meta.url)
const frame = (file: string, line = 10) => `    at fn (${file}:${line}:5)`

describe('call-site attribution', () => {
  it("takes egress-guard's code folder from the package's own file URLs", () => {
    expect(ownCodeRoot).toBe(source(''))
    const own = ['guard/call-site.ts', 'guard/judge.ts', 'patches/net/socket-connect.ts', 'index.ts']
    expect(own.map((path) => isOwnCode(source(path)))).toEqual([true, true, true, true])
    expect(isOwnCode(thisFile)).toBe(false)
  })

  it("skips every frame of egress-guard's code, in any folder, and names the user's", () => {
    const stack = [
      'Error',
      frame(source('guard/call-site.ts')),
      frame(source('guard/judge.ts')),
      frame(source('patches/net/socket-connect.ts')),
      '    at node:net:1:1',
      frame(thisFile, 42),
    ].join('\n')
    expect(firstUserFrame(stack)).toBe(`${thisFile}:42:5`)
  })

  it('names the caller of a real capture, not egress-guard', async () => {
    const { captureCallSite } = await import('../src/guard/call-site.js')
    const site = captureCallSite().frames()
    expect(site?.startsWith(`${thisFile}:`)).toBe(true)
  })
})
