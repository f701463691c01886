/** Every patch point, in install order. Restored in reverse. */
import type { PatchPoint } from '../guard/patch-stack.js'
import { childProcessPatch } from './child-process.js'
import { dgramSendPatch } from './dgram-send.js'
import { dnsLookupPatch } from './dns-lookup.js'
import { dnsResolverPatch } from './dns-resolver.js'
import { fetchCallSitePatch } from './fetch-call-site.js'
import { httpDiagnosticsPatch } from './http-diagnostics.js'
import { socketConnectPatch } from './socket-connect.js'
import { tcpHandlePatch } from './tcp-handle.js'
import { tlsConnectPatch } from './tls-connect.js'
import { udpHandlePatch } from './udp-handle.js'
import { undiciDispatcherPatch } from './undici-dispatcher.js'
import { webSocketErrorPatch } from './websocket-error.js'

export const allPatchPoints: readonly PatchPoint[] = [
  socketConnectPatch,
  tlsConnectPatch,
  tcpHandlePatch,
  childProcessPatch,
  dnsLookupPatch,
  dnsResolverPatch,
  dgramSendPatch,
  udpHandlePatch,
  undiciDispatcherPatch,
  httpDiagnosticsPatch,
  fetchCallSitePatch,
  webSocketErrorPatch,
]
