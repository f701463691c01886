#!/usr/bin/env node
// Stops the dockerd that ensure-engine started, by the PID it recorded. Leaves any other engine alone.
import { stopEngine } from './lib/engine.mjs'

await stopEngine()
