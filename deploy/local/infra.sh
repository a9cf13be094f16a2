#!/usr/bin/env bash
# The embedded default infrastructure: PostgreSQL (Debian package, data under .data/pg) and Apache Kafka
# (official jars fetched through Maven, KRaft mode, one combined broker+controller, Java 17).
# Idempotent: `up` installs what is missing, starts what is stopped, waits until both are ready and
# creates every service's database. Used by `npm start`, `npm test` and `.ci/run` alike.
#
#   infra.sh up | down | status | reset | env
#   infra.sh kafka-up NAME PORT | kafka-down NAME     (extra brokers, e.g. for fault tests)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="$ROOT/.data"
PG_PORT="${OW_PG_PORT:-55432}"
PG_USER=onewindow
PG_PASSWORD=onewindow
KAFKA_PORT="${OW_KAFKA_PORT:-59092}"
# One database per service: no service reads another's tables (01-architecture.md).
DATABASES="ow_gateway ow_intake ow_registration ow_project_review ow_trading ow_enforcement ow_oversight ow_test"

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi; }

# ---------------------------------------------------------------- PostgreSQL
pg_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && { echo "$d"; return; }; done
  return 1
}

pg_install() {
  pg_bindir >/dev/null && return
  log "installing PostgreSQL from Debian packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  # The package starts a cluster of its own on 5432; we run our own, so leave theirs alone.
  pg_bindir >/dev/null || die "PostgreSQL install failed"
}

# PostgreSQL refuses to run as root: when we are root, it runs as the 'postgres' system user.
pg_run() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

pg_datadir() {
  # The data directory lives under .data/pg unless the postgres user cannot reach the checkout
  # (e.g. a clone under /root); then it lives under /var/lib/onewindow and .data/pg points to it.
  local dir="$DATA/pg"
  mkdir -p "$DATA"
  if [ "$(id -u)" = 0 ] && [ ! -L "$dir" ] && ! runuser -u postgres -- test -x "$DATA"; then
    local alt="/var/lib/onewindow/$(printf '%s' "$ROOT" | md5sum | cut -c1-12)/pg"
    mkdir -p "$alt"; ln -sfn "$alt" "$dir"
  fi
  [ -L "$dir" ] && readlink -f "$dir" || echo "$dir"
}

pg_up() {
  pg_install
  local bin dir; bin="$(pg_bindir)"; dir="$(pg_datadir)"
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir" && chmod 700 "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    log "initialising PostgreSQL data directory $dir"
    local pw; pw="$(mktemp)"; echo "$PG_PASSWORD" >"$pw"; chmod 644 "$pw"
    pg_run "$bin/initdb" -D "$dir" -U "$PG_USER" --pwfile="$pw" --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pw"
    cat >>"$dir/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$dir'
log_destination = 'stderr'
logging_collector = on
log_directory = 'log'
EOF
  fi
  pg_tune "$dir"
  if pg_run "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1 && [ -f "$dir/onewindow.conf.changed" ]; then
    log "restarting PostgreSQL for the changed settings (onewindow.conf)"
    pg_run "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
  fi
  rm -f "$dir/onewindow.conf.changed"
  if ! pg_run "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    pg_run "$bin/pg_ctl" -D "$dir" -l "$dir/startup.log" -w -t 60 start >/dev/null
  fi
  local i
  for i in $(seq 1 60); do pg_isready -h 127.0.0.1 -p "$PG_PORT" -q 2>/dev/null && break; sleep 0.5; done
  pg_isready -h 127.0.0.1 -p "$PG_PORT" -q || die "PostgreSQL did not become ready"
  local db
  for db in $DATABASES; do
    if ! PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
      PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "create database $db" && log "created database $db"
    fi
  done
}

# The settings the project owns live in onewindow.conf (included from postgresql.conf), rewritten on
# every `up`, so an existing cluster picks up a change too (restarted when the file changed).
pg_tune() {
  local dir="$1" conf="$1/onewindow.conf" next
  grep -q "include_if_exists = 'onewindow.conf'" "$dir/postgresql.conf" || echo "include_if_exists = 'onewindow.conf'" >>"$dir/postgresql.conf"
  next="$(mktemp)"
  cat >"$next" <<'EOF'
# Written by deploy/local/infra.sh on every `up`: edit there, not here.
max_connections = 400
shared_buffers = 256MB
# Per-statement cost figures for the runbook and the benchmarks (create extension pg_stat_statements).
shared_preload_libraries = 'pg_stat_statements'
EOF
  if ! cmp -s "$next" "$conf"; then
    cp "$next" "$conf"; chmod 644 "$conf"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$conf"; fi
    touch "$dir/onewindow.conf.changed"
  fi
  rm -f "$next"
}

pg_down() {
  local bin dir; bin="$(pg_bindir)" || return 0; dir="$(pg_datadir)"
  [ -f "$dir/PG_VERSION" ] || return 0
  pg_run "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1 || return 0
  log "stopping PostgreSQL"; pg_run "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
}

# ---------------------------------------------------------------- Kafka
kafka_libs() { echo "$DATA/kafka/libs"; }

kafka_install() {
  if ls "$(kafka_libs)"/kafka_2.13-*.jar >/dev/null 2>&1; then return; fi
  command -v java >/dev/null || die "Java 17 is required for Kafka"
  command -v mvn >/dev/null || die "Maven is required to fetch the Kafka jars"
  log "fetching Apache Kafka jars through Maven (deploy/local/kafka/pom.xml)"
  (cd "$ROOT/deploy/local/kafka" && mvn -q -B package) || die "Maven could not fetch Kafka"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# kafka_up NAME PORT: a KRaft broker+controller named NAME listening on PORT (controller on PORT+1).
kafka_up() {
  local name="$1" port="$2" cport=$(( $2 + 1 ))
  local dir="$DATA/kafka/$name"
  kafka_install
  mkdir -p "$dir/logs"
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    port_open "$port" && return 0
  fi
  cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
EOF
  local cp; cp="$(kafka_libs)/*"
  if [ ! -f "$dir/data/meta.properties" ]; then
    local id; id="$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
    java -cp "$cp" -Dlog4j.configuration="file:$ROOT/deploy/local/kafka/log4j.properties" -Dkafka.logs.dir="$dir/logs" \
      kafka.tools.StorageTool format -t "$id" -c "$dir/server.properties" >/dev/null || die "kafka storage format failed"
  fi
  log "starting Kafka '$name' on 127.0.0.1:$port"
  nohup java -Xms256m -Xmx${OW_KAFKA_HEAP:-768m} -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$ROOT/deploy/local/kafka/log4j.properties" -Dkafka.logs.dir="$dir/logs" \
    -cp "$cp" kafka.Kafka "$dir/server.properties" >"$dir/logs/stdout.log" 2>&1 &
  echo $! >"$dir/pid"
  local i
  for i in $(seq 1 120); do
    if grep -q "Kafka Server started" "$dir/logs/server.log" 2>/dev/null && port_open "$port"; then return 0; fi
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || { tail -n 30 "$dir/logs/stdout.log" "$dir/logs/server.log" >&2 || true; die "Kafka '$name' exited"; }
    sleep 0.5
  done
  die "Kafka '$name' did not become ready in 60 s (see $dir/logs)"
}

kafka_down() {
  local name="$1" dir="$DATA/kafka/$1"
  [ -f "$dir/pid" ] || return 0
  local pid; pid="$(cat "$dir/pid")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping Kafka '$name'"
    kill "$pid"
    local i; for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/pid"
}

print_env() {
  cat <<EOF
export OW_PG_HOST=127.0.0.1
export OW_PG_PORT=$PG_PORT
export OW_PG_USER=$PG_USER
export OW_PG_PASSWORD=$PG_PASSWORD
export OW_KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
EOF
}

case "${1:-up}" in
  up) pg_up; kafka_up main "$KAFKA_PORT"; print_env >"$DATA/env"; log "ready: postgres 127.0.0.1:$PG_PORT, kafka 127.0.0.1:$KAFKA_PORT" ;;
  down) kafka_down main; for d in "$DATA"/kafka/*/; do [ -f "$d/pid" ] && kafka_down "$(basename "$d")"; done; pg_down ;;
  status)
    pg_isready -h 127.0.0.1 -p "$PG_PORT" -q 2>/dev/null && echo "postgres: up (127.0.0.1:$PG_PORT)" || echo "postgres: down"
    port_open "$KAFKA_PORT" && echo "kafka: up (127.0.0.1:$KAFKA_PORT)" || echo "kafka: down" ;;
  reset) "$0" down; rm -rf "$DATA/kafka/main" "$(pg_datadir)"; rm -f "$DATA/pg"; "$0" up ;;
  env) print_env ;;
  kafka-up) kafka_up "${2:?name}" "${3:?port}" ;;
  kafka-down) kafka_down "${2:?name}" ;;
  pg-up) pg_up ;;
  pg-down) pg_down ;;
  *) echo "usage: $0 up|down|status|reset|env|kafka-up NAME PORT|kafka-down NAME|pg-up|pg-down" >&2; exit 2 ;;
esac
