#!/usr/bin/env bash
# One-command benchmark of the packaged service against its physical baseline (pgbench), on one machine.
#
#   bench/run.sh                      # IMAGES=10000, 1,000 accounts, 8 clients, 30 s per scenario
#   IMAGES=1000000 bench/run.sh       # the large data set
#
# Parameters (environment): IMAGES (10000), ACCOUNTS (1000), USERS (8: Gatling's concurrency AND pgbench's
# client count), DURATION (30 s per scenario), WARMUP (180 s of scenario A before measuring: the JIT needs about
# two minutes at this load), GATLING_WARMUP (60 s of unmeasured load at the start of every measured phase, in
# the same Gatling JVM: Gatling spent 2.3 ms of CPU per request cold, 1.2 ms after 20 s, 0.6 ms after 60 s), BENCH_DB
# (swas_bench: dropped and created afresh), PGHOST/PGPORT/PGUSER/PGPASSWORD (127.0.0.1/5432/postgres/postgres),
# SKIP_BUILD=1 (reuse target/), PROFILE=0 (skip the statement-log and limiter passes), OUT (results folder,
# default target/bench/<timestamp>), PHASES (default "A A_half B C JFR"; e.g. PHASES="A B" WARMUP=90 PROFILE=0
# for a quick before/after comparison of one change).
#
# Steps: build (./mvnw package, with -Pbench so that the Gatling simulation compiles too), fresh database,
# start target/quarkus-app/quarkus-run.jar on a free port with ACCOUNTS keys in SWAS_ACCESS_KEYS and
# quotas of ModifyImageShareStatus and ListCustomImages raised out of reach (still counted, like the
# baseline's quota upsert; CreateCustomImage keeps the seed's 10 per minute: scenario B), seed IMAGES images with SQL, pgbench baseline, Gatling scenarios
# (warm-up, A closed, A open at half of A's throughput, B, C, then A again under JFR), then (PROFILE=1)
# a short pass with every statement logged to count statements per request, and the limiter's cost.
# Prints one summary (also in $OUT/summary.txt). Needs: java 17, psql, pgbench, ss, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

IMAGES=${IMAGES:-10000}
ACCOUNTS=${ACCOUNTS:-1000}
USERS=${USERS:-8}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-180}
GATLING_WARMUP=${GATLING_WARMUP:-60}
PROFILE=${PROFILE:-1}
PHASES=" ${PHASES:-A A_half B C JFR} "
want() { [[ "$PHASES" == *" $1 "* ]]; }
SKIP_BUILD=${SKIP_BUILD:-0}
# The GC the container image runs with (ubi9 openjdk-17-runtime's run-java.sh default; java -jar alone would
# pick G1), so that the benchmark measures what is deployed. G1 and ParallelGC measured the same within the
# run-to-run spread (bench/README.md).
JVM_OPTS=${JVM_OPTS:--XX:+UseParallelGC}
ACCOUNT_BASE=1000000
DB=${BENCH_DB:-swas_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
PGLOG=${PGLOG:-$(ls /var/log/postgresql/postgresql-*-main.log 2>/dev/null | head -1)}
OUT=${OUT:-target/bench/$(date -u +%Y%m%dT%H%M%SZ)-images$IMAGES}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
SVC_PID=""

log() { echo "[bench $(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log" >&2; }
stop_service() {
  if [[ -n "$SVC_PID" ]] && kill -0 "$SVC_PID" 2>/dev/null; then
    kill "$SVC_PID"; wait "$SVC_PID" 2>/dev/null || true
  fi
  SVC_PID=""
}
trap stop_service EXIT

{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "images=$IMAGES accounts=$ACCOUNTS users=$USERS duration=$DURATION warmup=$WARMUP"
  echo "cores=$(nproc) mem_mb=$(free -m | awk '/^Mem:/ {print $2}') cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs | tr ' ' '_')"
  echo "loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"
  echo "postgres=$(psql -XAtqd postgres -c 'show server_version' | cut -d' ' -f1)"
  echo "java=$(java -version 2>&1 | head -1 | cut -d'"' -f2)"
  echo "jvm_opts=${JVM_OPTS:-(none)}"
} > "$OUT/env.txt"

# ---- 1. build ---------------------------------------------------------------------------------------
if [[ "$SKIP_BUILD" != 1 ]]; then
  log "building (./mvnw -B -Pbench package -DskipTests)"
  ./mvnw -B -Pbench package -DskipTests > "$OUT/build.log" 2>&1 || { tail -40 "$OUT/build.log"; exit 1; }
fi

# ---- 2. fresh database, service ---------------------------------------------------------------------
log "fresh database $DB"
dropdb --if-exists "$DB" 2>/dev/null
createdb "$DB"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
KEYS=$(seq 0 $((ACCOUNTS - 1)) | awk -v b=$ACCOUNT_BASE '{ id = b + $1; printf "%s%d:AK%d:secret%d", (NR > 1 ? "," : ""), id, id, id }')
echo "access_keys_env_bytes=${#KEYS}" >> "$OUT/env.txt"
ENCRYPTION_KEY=$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')

start_service() { # logfile key [extra JVM options...]
  local logfile=$1 key=$2; shift 2
  local t0; t0=$(date +%s%3N)
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
  QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="$PGPASSWORD" \
  SWAS_ACCESS_KEYS="$KEYS" SWAS_AUTH_ENCRYPTION_KEY="$ENCRYPTION_KEY" \
    java $JVM_OPTS "$@" -Dquarkus.http.port="$PORT" -Dquarkus.http.host=127.0.0.1 -Dquarkus.log.console.json.enabled=false \
      '-Dswas.throttle.actions."ModifyImageShareStatus".per-minute=2000000000' \
      '-Dswas.throttle.actions."ListCustomImages".per-minute=2000000000' \
      -jar target/quarkus-app/quarkus-run.jar > "$logfile" 2>&1 &
  SVC_PID=$!
  for _ in $(seq 1 600); do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/" || true)" == 400 ]]; then
      echo "$key=$(( ($(date +%s%3N) - t0) ))e-3" >> "$OUT/env.txt"
      return 0
    fi
    kill -0 "$SVC_PID" 2>/dev/null || { tail -40 "$logfile"; echo "service did not start" >&2; exit 1; }
    sleep 0.2
  done
  echo "service did not answer within 120 s" >&2; exit 1
}

log "starting the service on port $PORT with $ACCOUNTS access keys (${#KEYS} bytes of SWAS_ACCESS_KEYS)"
start_service "$OUT/service.log" service_ready_s
log "service pid $SVC_PID ready"

# ---- 3. seed -----------------------------------------------------------------------------------------
log "seeding $IMAGES images"
t0=$(date +%s%3N)
psql -qX -d "$DB" -v images="$IMAGES" -v accounts="$ACCOUNTS" -v base="$ACCOUNT_BASE" -f bench/seed.sql > "$OUT/seed.log" 2>&1
echo "seed_s=$(( $(date +%s%3N) - t0 ))e-3" >> "$OUT/env.txt"

snap() { bash bench/snapshot.sh "$1" "$SVC_PID" "$DB" >> "$OUT/snapshots.txt"; }

# ---- 4. pgbench baseline -----------------------------------------------------------------------------
# Every measured phase starts right after a CHECKPOINT, so that none inherits another's dirty buffers or a
# later place in the checkpoint cycle: after a checkpoint, the first change of each page writes the whole
# page to the WAL, which with 1,000,000 images (a table larger than shared_buffers) is most changes.
checkpoint() { psql -qX -d "$DB" -c CHECKPOINT; }
baseline() { # label: the baseline runs before the Gatling phases and again after them
  log "pgbench baseline ($1): -c $USERS -j $USERS -T $DURATION -M prepared -f bench/baseline.sql"
  checkpoint
  snap "$1.start"
  pgbench -n -M prepared -c "$USERS" -j "$USERS" -T "$DURATION" -r -f bench/baseline.sql \
    -D images="$IMAGES" -D accounts="$ACCOUNTS" -D base="$ACCOUNT_BASE" \
    -l --log-prefix="$OUT/$1" "$DB" > "$OUT/$1.txt" 2>&1
  snap "$1.end"
}
baseline pgbench_baseline
# Leave the image table as the seed made it (pgbench flipped some), so Share/UnShare pairs are real changes.
psql -qX -d "$DB" -c "UPDATE custom_image SET in_share = false WHERE in_share" \
  -c "VACUUM ANALYZE custom_image, image_share_history, idempotency_token, signature_nonce, throttle_window" > /dev/null

# ---- 5. Gatling --------------------------------------------------------------------------------------
gatling() { # label scenario duration users [rate]; GW=seconds of unmeasured load first, in Gatling's JVM
  checkpoint
  ./mvnw -B -Pbench gatling:test -Dbench.label="$1" -Dbench.scenario="$2" -Dbench.duration="$3" \
    -Dbench.warmup="${GW:-$GATLING_WARMUP}" \
    -Dbench.users="$4" -Dbench.rate="${5:-100}" -Dbench.baseUrl="http://127.0.0.1:$PORT" \
    -Dbench.accounts="$ACCOUNTS" -Dbench.accountBase="$ACCOUNT_BASE" -Dbench.images="$IMAGES" \
    -Dbench.servicePid="$SVC_PID" -Dbench.db="$DB" -Dbench.snapshotScript="$ROOT/bench/snapshot.sh" \
    -Dbench.snapshotFile="$OUT/snapshots.txt" > "$OUT/gatling-$1.log" 2>&1 \
    || log "Gatling $1 reported failures (see $OUT/gatling-$1.log)"
  local report
  report=$(grep -o 'file://[^ ]*index.html' "$OUT/gatling-$1.log" | tail -1 | sed 's|^file://||; s|/index.html$||')
  echo "$1 $report" >> "$OUT/phases.txt"
}

log "warm-up: scenario A, ${WARMUP}s"
GW=0 gatling warmup A "$WARMUP" "$USERS"

if want A; then
log "scenario A (ModifyImageShareStatus, $USERS users, ${DURATION}s)"
gatling A A "$DURATION" "$USERS"
fi

if want A_half; then
HALF=$(python3 bench/gatling_stats.py --rate "$(awk '$1=="A" {print $2}' "$OUT/phases.txt")" "$OUT/snapshots.txt" A)
HALF=$(( ${HALF%.*} / 2 ))
log "scenario A open model at $HALF req/s (half of A's throughput)"
gatling A_half A_OPEN "$DURATION" "$USERS" "$HALF"
fi

if want B; then
log "scenario B (one account far over its CreateCustomImage quota, $USERS users)"
gatling B B "$DURATION" "$USERS"
psql -XAtqd "$DB" -c "SELECT 'b_accepted=' || coalesce(sum(calls), 0) FROM throttle_window WHERE action = 'CreateCustomImage'" >> "$OUT/env.txt"
fi

if want C; then
log "scenario C (ListCustomImages, $USERS users)"
gatling C C "$DURATION" "$USERS"
fi

# The baseline again, on the tables as the service's phases left them (grown, vacuumed or not, WAL cycle).
if want A; then
  baseline pgbench_after
fi

# Profiling last and apart: a JFR recording with settings=profile cut A's throughput about 4x on this
# machine, so it never overlaps a measured phase. settings=default samples Java stacks every 20 ms.
if want JFR; then
log "scenario A again (${DURATION}s) with a JFR recording (settings=default), for the hot methods only"
jcmd "$SVC_PID" JFR.start name=bench settings=default > /dev/null
gatling A_jfr A "$DURATION" "$USERS"
jcmd "$SVC_PID" JFR.stop name=bench filename="$OUT/service-A.jfr" > /dev/null
python3 bench/jfr_hot.py "$OUT/service-A.jfr" 15 > "$OUT/jfr_hot.txt" 2>&1 || true
fi
snap final
echo "loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')" >> "$OUT/env.txt"

# ---- 6. statements per request, limiter cost ---------------------------------------------------------
if [[ "$PROFILE" == 1 && -r "$PGLOG" ]]; then
  log "statement log pass: log_min_duration_statement=0 on $DB only, service restarted, 1 user, 8 s per scenario"
  stop_service
  psql -qX -d "$DB" -c "ALTER DATABASE $DB SET log_min_duration_statement = 0"
  start_service "$OUT/service-profile.log" profile_service_ready_s
  for s in A B C; do
    from=$(stat -c %s "$PGLOG")
    GW=0 gatling "stmt-$s" "$s" 8 1
    tail -c +"$((from + 1))" "$PGLOG" > "$OUT/statements-$s.log"
  done
  psql -qX -d "$DB" -c "ALTER DATABASE $DB RESET log_min_duration_statement"
  stop_service
fi
if [[ "$PROFILE" == 1 ]]; then
  log "limiter cost (admission statement, $USERS clients)"
  CLIENTS=$USERS DURATION=15 OUT="$OUT/limiter" bash bench/limiter-cost.sh "$DB" > "$OUT/limiter.txt" 2>&1 || true
fi
stop_service

python3 bench/summary.py "$OUT" | tee "$OUT/summary.txt"
