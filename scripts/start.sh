#!/usr/bin/env bash
# npm start: install what is missing, then run the whole local system (scripts/start.ts). Ctrl-C stops it all.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-tools.sh
source scripts/node-path.sh
exec node_modules/.bin/tsx scripts/start.ts
