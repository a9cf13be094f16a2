#!/usr/bin/env bash
# `npm start`: the whole platform on the embedded default. Starts PostgreSQL and Kafka (deploy/local/
# infra.sh), then every app under apps/ (migrations and demo seed data run as each app starts), waits
# until each is ready, and prints where to open it. Ctrl-C stops the apps; `npm stop` stops the
# infrastructure too.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
[ -d node_modules ] || npm install --no-audit --no-fund
bash deploy/local/infra.sh up
# shellcheck disable=SC1091
source .data/env
export OW_SEED_DEMO="${OW_SEED_DEMO:-true}"
mkdir -p .data/logs

declare -A PORTS=([gateway]=8080 [intake]=3001 [registration]=3002 [project-review]=3003 [trading]=3004 [enforcement]=3005 [oversight]=3006)
pids=()
stop_apps() { [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null || true; }
trap 'echo; echo "stopping apps (infrastructure keeps running; npm stop stops it)"; stop_apps; exit 0' INT TERM

start_app() {
  local app="$1" port="$2"
  PORT="$port" node -r @swc-node/register "apps/$app/src/main.ts" >".data/logs/$app.log" 2>&1 &
  pids+=($!)
}
wait_ready() {
  local app="$1" port="$2"
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && { echo "  ✓ $app ready on :$port"; return 0; }
    sleep 0.5
  done
  echo "  ✗ $app not ready on :$port (see .data/logs/$app.log)"
}

# Services first, then the gateway, so its merged OpenAPI finds them all at its first look.
services=()
for app in intake registration project-review trading enforcement oversight; do
  [ -f "apps/$app/src/main.ts" ] || continue
  start_app "$app" "${PORTS[$app]}"
  services+=("$app")
done
for app in "${services[@]}"; do wait_ready "$app" "${PORTS[$app]}"; done
start_app gateway 8080
wait_ready gateway 8080

cat <<BANNER

OneWindow is running (embedded default: PostgreSQL 127.0.0.1:$OW_PG_PORT, Kafka $OW_KAFKA_BROKERS).
  API gateway      http://127.0.0.1:8080
  API docs         http://127.0.0.1:8080/docs          (merged OpenAPI of every service)
  Readiness        http://127.0.0.1:8080/health/ready
  Log in (demo)    curl -s http://127.0.0.1:8080/auth/login -H 'content-type: application/json' \\
                     -d '{"username":"clerk.city","password":"OneWindow#2026"}'
  Logs             .data/logs/<app>.log (JSON lines; pipe through npx pino-pretty)
Ctrl-C stops the apps.
BANNER
wait
