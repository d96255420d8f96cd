#!/usr/bin/env bash
# Scripted check of acceptance 3 (issue 6): readiness is DOWN while PostgreSQL is unreachable and UP
# again when it is back; liveness stays UP throughout.
#
# It runs the packaged jar (build it first: ./mvnw package -DskipTests) against a throwaway database
# on the local PostgreSQL, reached through a small TCP relay on another port. Stopping the relay cuts
# the service off from PostgreSQL (open connections included) without touching the server itself,
# which other processes may be using; starting it again restores the path.
#
# Environment: PGHOST/PGPORT/PGUSER/PGPASSWORD for the server (default 127.0.0.1:5432 postgres/postgres),
# HTTP_PORT (default 18080), RELAY_PORT (default 15432).
set -euo pipefail
cd "$(dirname "$0")/.."

PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
export PGHOST PGPORT PGUSER PGPASSWORD
HTTP_PORT=${HTTP_PORT:-18080}
RELAY_PORT=${RELAY_PORT:-15432}
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "No $JAR: run ./mvnw package -DskipTests first" >&2; exit 2; }

work=$(mktemp -d)
db="swas_readiness_$(date +%s)_$$"
app_pid="" relay_pid=""
failures=0

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
    [ -n "$relay_pid" ] && kill "$relay_pid" 2>/dev/null || true
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/relay.py" <<'PY'
# Minimal TCP relay: listen_port -> target_host:target_port. Dies with all its connections on SIGTERM.
import socket, sys, threading
listen_port, target_host, target_port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
def pump(src, dst):
    try:
        while (data := src.recv(65536)):
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try: s.shutdown(socket.SHUT_RDWR)
            except OSError: pass
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", listen_port))
server.listen(64)
while True:
    client, _ = server.accept()
    upstream = socket.create_connection((target_host, target_port))
    for a, b in ((client, upstream), (upstream, client)):
        threading.Thread(target=pump, args=(a, b), daemon=True).start()
PY

start_relay() {
    python3 "$work/relay.py" "$RELAY_PORT" "$PGHOST" "$PGPORT" &
    relay_pid=$!
    sleep 0.5
}

stop_relay() {
    kill "$relay_pid"
    wait "$relay_pid" 2>/dev/null || true
    relay_pid=""
}

# Prints "<HTTP status> <body on one line>" of a health endpoint.
probe() {
    : > "$work/body"
    curl -s -m 15 -o "$work/body" -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/q/health/$1" || true
    printf ' %s\n' "$(tr -d '\n' < "$work/body" | tr -s ' ')"
}

expect() {  # expect <endpoint> <status> <UP|DOWN>
    local out
    out=$(probe "$1")
    log "GET /q/health/$1 -> $out"
    if [[ $out == "$2 "* && $out == *"\"status\": \"$3\""* ]]; then
        log "  ok: $1 is $3"
    else
        log "  FAILED: expected HTTP $2 and status $3"
        failures=$((failures + 1))
    fi
}

wait_ready() {  # wait_ready <seconds>
    for _ in $(seq 1 "$1"); do
        [[ $(probe ready) == "200 "* ]] && return 0
        sleep 1
    done
    return 1
}

log "Creating throwaway database $db"
psql -q -d postgres -c "CREATE DATABASE $db" >/dev/null
start_relay
log "Relay 127.0.0.1:$RELAY_PORT -> $PGHOST:$PGPORT started"

log "Starting $JAR on port $HTTP_PORT (prod profile)"
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$RELAY_PORT/$db" \
QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="$PGPASSWORD" \
QUARKUS_HTTP_PORT="$HTTP_PORT" \
SWAS_ACCESS_KEYS="1000000000000042:LTAI5tReadinessCheck:readiness-check-secret" \
SWAS_AUTH_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" \
    java -jar "$JAR" > "$work/app.log" 2>&1 &
app_pid=$!
wait_ready 60 || { log "Service never became ready"; tail -50 "$work/app.log"; exit 1; }

log "--- 1. PostgreSQL reachable"
expect ready 200 UP
expect live 200 UP

log "--- 2. PostgreSQL unreachable (relay stopped, its connections cut)"
stop_relay
sleep 1
expect ready 503 DOWN
expect live 200 UP
sleep 5
log "(5 s later, still without PostgreSQL)"
expect ready 503 DOWN
expect live 200 UP

log "--- 3. PostgreSQL reachable again (relay restarted)"
start_relay
if wait_ready 30; then log "Ready again"; else log "Still not ready after 30 s"; fi
expect ready 200 UP
expect live 200 UP

if [ "$failures" -eq 0 ]; then
    log "PASS: readiness follows the database, liveness stays UP"
else
    log "FAIL: $failures unexpected answers"
    exit 1
fi
