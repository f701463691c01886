/**
 * Patch point: `tls.connect`. A new TLS connection already goes through the socket patch (its
 * TLSSocket calls `net.Socket.prototype.connect`); this patch judges TLS started over an existing
 * socket (`options.socket`: proxy tunnels, STARTTLS), where the real target is the server name.
 * The patch stack's `syncBuiltinESMExports()` makes `import { connect } from 'node:tls'` see it.
 */
import tls from 'node:tls'
import { captureCallSite } from '../../guard/call-site.js'

import type { PatchPoint } from '../../guard/patch-stack.js'
import { currentJudge } from '../../guard/port.js'
import { failSocket } from './socket-marks.js'

type TlsConnect = (...args: unknown[]) => tls.TLSSocket

export const tlsConnectPatch: PatchPoint = {
  name: 'tls.connect',
  install: (stack) => {
    stack.patch<TlsConnect>(tls, 'connect', (realTlsConnect) => {
      return function connect(this: unknown, ...args: unknown[]): tls.TLSSocket {
        const options = args.find((a): a is tls.ConnectionOptions => a !== null && typeof a === 'object')
        const scope = currentJudge()
        const socket = realTlsConnect.apply(this, args)
        if (!scope || !options?.socket) return socket
        const host = options.servername || options.host
        const port = typeof options.port === 'number' ? options.port : 443
        if (!host) return socket
        const input = { protocol: 'tls' as const, host, port }
        const verdict = scope.record(input, scope.decide(input), captureCallSite())
        if (verdict.error) failSocket(socket, verdict.error)
        return socket
      }
    })
  },
}
