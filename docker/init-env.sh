#!/usr/bin/env bash
# Writes the three env files docker/compose.yaml reads — masterbus.env, redis.env, temporal-db.env — from their
# .example files, with fresh random secrets (JWT_SECRET, PAYLOAD_KEYS, REDIS_PASSWORD, the Temporal database
# password) in place of the placeholders production refuses. A file that already exists is kept as it is (its
# secrets may already protect data: losing PAYLOAD_KEYS loses every stored payload, docs/operations.md).
#   bash docker/init-env.sh            # into docker/, beside compose.yaml
#   bash docker/init-env.sh <folder>   # elsewhere (the compose rehearsal test uses this)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here}"
mkdir -p "$out"
secret() { head -c "$1" /dev/urandom | base64 | tr -d '\n'; }

write() { # <name> <sed script>
  local target="$out/$1"
  if [ -e "$target" ]; then
    echo "[init-env] $target exists: kept"
    return
  fi
  sed "$2" "$here/$1.example" > "$target"
  chmod 600 "$target"
  echo "[init-env] wrote $target"
}

db_password="$(secret 24 | tr '/+' '_-')"
write masterbus.env "s|^JWT_SECRET=.*|JWT_SECRET=$(secret 48)|; s|^PAYLOAD_KEYS=.*|PAYLOAD_KEYS=k1:$(secret 32)|"
write redis.env "s|^REDIS_PASSWORD=.*|REDIS_PASSWORD=$(secret 32 | tr '/+' '_-')|"
write temporal-db.env "s|^POSTGRES_PASSWORD=.*|POSTGRES_PASSWORD=${db_password}|; s|^POSTGRES_PWD=.*|POSTGRES_PWD=${db_password}|"
