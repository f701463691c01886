#!/usr/bin/env node
// Builds (or loads from the cache) every local image the integration suite needs; prints their tags
// as `NAME=tag` lines (also the env names the suite reads).
import { ensureImages } from './lib/ensure-images.mjs'

for (const [env, tag] of Object.entries(await ensureImages())) console.log(`${env}=${tag}`)
