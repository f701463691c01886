#!/usr/bin/env bash
# Per-connection cost of two builds of egress-guard, pair by pair, with an A/A control:
#   node scripts/hermetic.mjs -- bash scripts/compare-builds.sh OLD_DIST_INDEX NEW_DIST_INDEX [new|keepalive] [pairs]
# Prints each pair (old, new, new, new) in client CPU µs per request, then the medians of new/old and
# of the A/A pairs (new/new). Build the old one from a worktree of the older commit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
old=$1 new=$2 kind=${3:-new} pairs=${4:-12}
node=node_modules/.bin/node
run() { "$node" packages/core/bench/support/connection-driver.mjs "$1" "$kind" 3000; }
rows=()
for ((i = 1; i <= pairs; i++)); do
  if ((i % 2)); then o=$(run "$old"); n=$(run "$new"); else n=$(run "$new"); o=$(run "$old"); fi
  a=$(run "$new")
  b=$(run "$new")
  echo "$o $n $a $b"
  rows+=("$o $n $a $b")
done
printf '%s\n' "${rows[@]}" | "$node" -e '
const rows = require("node:fs").readFileSync(0, "utf8").trim().split("\n").map((l) => l.split(" ").map(Number))
const median = (v) => { const s = [...v].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2 }
const pct = (r) => `${r >= 1 ? "+" : ""}${((r - 1) * 100).toFixed(1)}%`
console.log(`new/old: ${pct(median(rows.map(([o, n]) => n / o)))} (median of ${rows.length} pairs); A/A new/new: ${pct(median(rows.map(([, , a, b]) => b / a)))}`)'
