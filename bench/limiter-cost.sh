#!/usr/bin/env bash
# Issue 4, acceptance 6: cost per call of the admission statement (throttle/Admission.java) under
# CLIENTS concurrent clients (default 8), each statement its own transaction as in the service.
#   bench/limiter-cost.sh [DB]        (needs the service's schema in DB; PG* variables as for psql)
# Three paths, DURATION seconds each (default 15), latencies from pgbench's per-transaction log:
#   new-window  the first call of an account in a minute: INSERT of a new row (accounts drawn from 10^12)
#   admit       an existing window under its limit: the conflict path, UPDATE calls + 1 (1,000 accounts)
#   reject      a full window (calls = limit = 10): the conflict path whose WHERE fails, nothing written
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-${BENCH_DB:-swas_bench}}
CLIENTS=${CLIENTS:-8}
DURATION=${DURATION:-15}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=${OUT:-target/bench/limiter-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
psql -qX -d "$DB" -c "DELETE FROM throttle_window WHERE action = 'LimiterBench'"
# The reject path: every bench account's window is full for the next minutes.
psql -qX -d "$DB" -c "INSERT INTO throttle_window (account_id, action, window_start, calls)
  SELECT 2000000 + a, 'LimiterBench', date_trunc('minute', now()) + m * interval '1 minute', 10
  FROM generate_series(0, 999) a, generate_series(0, 5) m"
run() { # name base accounts limit
  pgbench -n -M prepared -c "$CLIENTS" -j "$CLIENTS" -T "$DURATION" -f bench/throttle-upsert.sql \
    -D base="$2" -D accounts="$3" -D limit="$4" -l --log-prefix="$OUT/$1" "$DB" > "$OUT/$1.txt" 2>&1
  printf '%-11s %8.0f statements/s  %s\n' "$1" "$(awk '/^tps/ {print $3}' "$OUT/$1.txt")" \
    "$(python3 bench/pgbench_latency.py "$OUT/$1")"
}
echo "admission statement (nonce claim + quota upsert), $CLIENTS clients, ${DURATION}s per path, -M prepared, autocommit:"
run new-window 10000000000 1000000000000 10
run admit 1000000 1000 2000000000
run reject 2000000 1000 10
psql -qX -d "$DB" -c "DELETE FROM throttle_window WHERE action = 'LimiterBench'"
