#!/usr/bin/env node
// Idempotent: reuse a running Docker engine, else install docker.io (if missing) and start dockerd.
import { ensureEngine } from './lib/engine.mjs'

const { started, pid } = await ensureEngine()
console.log(started ? `started dockerd pid ${pid}` : 'engine already running')
