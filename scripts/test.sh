#!/usr/bin/env bash
# npm test: install what is missing, then type-check, lint and run every test. The integration tests' global
# setup starts real Temporal, FerretDB and Redis on the test ports (fresh data) and stops them afterwards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-tools.sh
source scripts/node-path.sh
step() { printf '\n[test] %s\n' "$*"; }
step "type-check (tsc --noEmit)"
node_modules/.bin/tsc --noEmit -p tsconfig.json
step "lint (eslint: no floating promises, layering, no I/O or Node built-ins in workflows; prettier: one format)"
node_modules/.bin/eslint .
node_modules/.bin/prettier --check . --log-level warn
step "tests (vitest: unit + integration against real services)"
status=0
rm -f .data/reliability/trials.jsonl
node_modules/.bin/vitest run "$@" || status=$?
node_modules/.bin/tsx test/tools/print-reliability-table.ts || status=$?
step "benchmarks, smoke size (they are measured with npm run bench:*, not here: this only keeps them working)"
node_modules/.bin/tsx bench/scoring.bench.ts --smoke --runs 1 || status=$?
node_modules/.bin/tsx bench/what-if.bench.ts --smoke || status=$?
node_modules/.bin/tsx bench/trend-reconstruction.bench.ts --smoke || status=$?
node_modules/.bin/tsx bench/cached-reads.bench.ts --smoke || status=$?
node_modules/.bin/tsx bench/single-facility.bench.ts --smoke || status=$?
node_modules/.bin/tsx bench/portfolio.bench.ts --smoke || status=$?
node_modules/.bin/tsx bench/memory.bench.ts --smoke || status=$?
node_modules/.bin/tsx bench/history.bench.ts --smoke || status=$?
exit $status
