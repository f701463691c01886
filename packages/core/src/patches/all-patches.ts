/** Every patch point, in install order. Restored in reverse. */
import type { PatchPoint } from '../guard/patch-stack.js'
import { childProcessPatch } from './child/child-process.js'
import { dgramSendPatch } from './dgram/send.js'
import { udpHandlePatch } from './dgram/udp-handle.js'
import { dnsLookupPatch } from './dns/lookup.js'
import { dnsResolverPatch } from './dns/resolver.js'
import { fetchCallSitePatch } from './globals/fetch-call-site.js'
import { webSocketErrorPatch } from './globals/websocket-error.js'
import { httpDiagnosticsPatch } from './http/diagnostics.js'
import { socketConnectPatch } from './net/socket-connect.js'
import { tcpHandlePatch } from './net/tcp-handle.js'
import { tlsConnectPatch } from './net/tls-connect.js'
import { undiciDispatcherPatch } from './undici/dispatcher.js'

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
