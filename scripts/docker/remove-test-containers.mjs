#!/usr/bin/env node
// Removes every container testcontainers started (label org.testcontainers=true).
import { removeTestContainers } from './lib/containers.mjs'

console.log(`removed ${await removeTestContainers()} container(s)`)
