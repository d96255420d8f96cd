#!/usr/bin/env bash
# The benchmark: ModifyImageShareStatus against pgbench's naive path, measured with a C load generator (wrk) so that
# the generator takes little of the 2 shared cores (a JVM generator took ~0.4 ms of CPU per request). One run:
#
#   bench/wrk.sh                   # IMAGES=10000, 1,000 accounts, 8 connections, 30 s measured
#   IMAGES=1000000 bench/wrk.sh
#
# Parameters (environment): IMAGES, ACCOUNTS (1000), USERS (8: wrk's connections and pgbench's -c/-j),
# DURATION (30), WARMUP (120 s of the same requests first, unmeasured: the JIT), SKIP_BUILD=1,
# JVM_OPTS (default: the container image's, bench/container-jvm-options.sh), OUT (target/bench-wrk/<time>),
# PHASES (default "modify ram sts half one throttled badsig list"; add "jfr" for the profile; "half" needs "modify").
#
# Phases, each right after a CHECKPOINT (bench/README.md: a phase's place in the checkpoint cycle otherwise
# decides part of its cost), each with a resource snapshot (bench/snapshot.sh) before and after:
#   pgbench   bench/baseline.sql, -M prepared -c USERS -j USERS
#   modify    signed ModifyImageShareStatus (V1, POST form), Share/UnShare alternating per image, a random
#             image of one of ACCOUNTS accounts, a ClientToken on every other request; closed model, USERS
#             connections; then the same at half of that throughput in an open model (bench/openload.c)
#   ram       modify's requests signed by a RAM user of each account with AliyunSWASFullAccess (the policy check)
#   sts       the same signed by a role session (STS. key + SecurityToken: the token's decryption, then the role's
#             policies); both principals made through the service's own RAM/STS API (bench/principals.py)
#   one       the same with 1 connection (latency at low load)
#   throttled CreateCustomImage of ONE account far over its quota of 10 per minute (nearly all refused)
#   badsig    ModifyImageShareStatus with a wrong signature (refused before any database work)
#   list      ListCustomImages, first page of 10, a random account
#   jfr       (not by default) modify again under a JFR recording (settings=default): $OUT/service-modify.jfr and
#             its hot methods, jfr_hot.txt; apart from the measured phases, as a recording slows the service
# Requests are signed just before each phase (bench/presign.py; valid 15 minutes, a nonce per request) and
# each is sent once (bench/wrk-replay.lua). Prints one summary (also $OUT/summary.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGES=${IMAGES:-10000} ACCOUNTS=${ACCOUNTS:-1000} USERS=${USERS:-8} DURATION=${DURATION:-30}
WARMUP=${WARMUP:-120} BASE=1000000
PHASES=" ${PHASES:-modify ram sts half one throttled badsig list} "
want() { [[ "$PHASES" == *" $1 "* ]]; }
JVM_OPTS=${JVM_OPTS:-$(bench/container-jvm-options.sh)}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
DB=${BENCH_DB:-swas_bench_wrk}
OUT=${OUT:-target/bench-wrk/$(date -u +%Y%m%dT%H%M%SZ)-images$IMAGES}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
log() { echo "[wrk-bench $(date -u +%H:%M:%S)] $*" >&2; }
command -v wrk > /dev/null || { echo "needs wrk (Debian: apt-get install wrk)" >&2; exit 1; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building"; ./mvnw -B -q package -DskipTests > "$OUT/build.log" 2>&1 || { tail -40 "$OUT/build.log"; exit 1; }
fi
gcc -O2 -o target/openload bench/openload.c -lm

dropdb --if-exists --force "$DB" 2>/dev/null; createdb "$DB"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
KEYS=$(seq 0 $((ACCOUNTS - 1)) | awk -v b=$BASE '{ id = b + $1; printf "%s%d:AK%d:secret%d", (NR > 1 ? "," : ""), id, id, id }')
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ) images=$IMAGES accounts=$ACCOUNTS users=$USERS duration=$DURATION warmup=$WARMUP"
  echo "cores=$(nproc) cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs | tr ' ' '_') loadavg=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"
  echo "jvm_opts=$JVM_OPTS"
} > "$OUT/env.txt"
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
QUARKUS_DATASOURCE_PASSWORD="$PGPASSWORD" SWAS_ACCESS_KEYS="$KEYS" \
SWAS_AUTH_ENCRYPTION_KEY=$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())') \
  java $JVM_OPTS -Dquarkus.http.port="$PORT" -Dquarkus.http.host=127.0.0.1 -Dquarkus.log.console.json.enabled=false \
  '-Dswas.throttle.actions."ModifyImageShareStatus".per-minute=2000000000' \
  '-Dswas.throttle.actions."ListCustomImages".per-minute=2000000000' \
  -jar target/quarkus-app/quarkus-run.jar > "$OUT/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; dropdb --if-exists --force "$DB"' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do sleep 0.2; done
psql -qX -d "$DB" -v images="$IMAGES" -v accounts="$ACCOUNTS" -v base="$BASE" -f bench/seed.sql > "$OUT/seed.log"

snap() { bash bench/snapshot.sh "$1" "$PID" "$DB" >> "$OUT/snapshots.txt"; }
checkpoint() { psql -qX -d "$DB" -c CHECKPOINT; }
# Targets: every image when there are few, else a random 20,000 of them; a random order of accounts.
python3 - "$IMAGES" "$ACCOUNTS" "$BASE" > "$OUT/targets.json" <<'PY'
import json, random, sys
images, accounts, base = map(int, sys.argv[1:4])
picked = range(images) if images <= 20000 else random.sample(range(images), 20000)
t = [{"accountId": base + g % accounts, "keyId": f"AK{base + g % accounts}", "secret": f"secret{base + g % accounts}",
      "imageId": f"m-b{g}"} for g in picked]
random.shuffle(t)
print(json.dumps(t))
PY
python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))[0]; t["imageId"]=""; print(json.dumps([t]))' \
  "$OUT/targets.json" > "$OUT/one-account.json"
if want ram || want sts; then
  log "RAM users, roles and role sessions of $ACCOUNTS accounts (bench/principals.py)"
  t0=$(date +%s)
  python3 bench/principals.py "$OUT/targets.json" "127.0.0.1:$PORT" "$OUT/targets-ram.json" "$OUT/targets-sts.json"
  echo "principals_setup_s=$(( $(date +%s) - t0 ))" >> "$OUT/env.txt"
fi
sign() { # file count token_every mode targets
  python3 bench/presign.py "${5:-$OUT/targets.json}" "127.0.0.1:$PORT" "$2" "$1" "$3" "$4"
}
replay() { # label connections seconds file
  checkpoint; snap "$1.start"
  wrk -t "$(( $2 < 2 ? 1 : 2 ))" -c "$2" -d "$3s" --timeout 10s -s bench/wrk-replay.lua "http://127.0.0.1:$PORT" \
    -- "$4" "$(( $2 < 2 ? 1 : 2 ))" > "$OUT/$1.txt" 2>&1
  snap "$1.end"
  grep -q 'threads_out_of_records=0' "$OUT/$1.txt" || log "$1: ran out of signed requests, its figures are void"
}

log "pgbench baseline (-c $USERS, ${DURATION}s)"
checkpoint; snap pgbench.start
pgbench -n -M prepared -c "$USERS" -j "$USERS" -T "$DURATION" -f bench/baseline.sql -D images="$IMAGES" \
  -D accounts="$ACCOUNTS" -D base="$BASE" "$DB" > "$OUT/pgbench.txt" 2>&1
snap pgbench.end
psql -qX -d "$DB" -c "UPDATE custom_image SET in_share = false WHERE in_share" \
  -c "VACUUM ANALYZE custom_image, image_share_history, idempotency_token, signature_nonce, throttle_window" > /dev/null

RATE_CAP=${RATE_CAP:-4000} # requests signed per second of a phase: more than the service can answer here
log "warm-up ${WARMUP}s"
sign "$OUT/warm.req" $((RATE_CAP * WARMUP)) 2 modify; replay warmup "$USERS" "$WARMUP" "$OUT/warm.req"
if want modify; then
  log "modify, $USERS connections, ${DURATION}s"
  sign "$OUT/modify.req" $((RATE_CAP * DURATION)) 2 modify; replay modify "$USERS" "$DURATION" "$OUT/modify.req"
fi
if want ram; then
  log "modify as a RAM user, $USERS connections, ${DURATION}s"
  sign "$OUT/ram.req" $((RATE_CAP * DURATION)) 2 modify "$OUT/targets-ram.json"
  replay ram "$USERS" "$DURATION" "$OUT/ram.req"
fi
if want sts; then
  log "modify as a role session (STS), $USERS connections, ${DURATION}s"
  sign "$OUT/sts.req" $((RATE_CAP * DURATION)) 2 modify "$OUT/targets-sts.json"
  replay sts "$USERS" "$DURATION" "$OUT/sts.req"
fi
if want half && want modify; then
  RATE=$(python3 bench/wrk_summary.py --rate "$OUT" modify)
  HALF=$(( ${RATE%.*} / 2 ))
  log "modify, open model at $HALF req/s (half), ${DURATION}s"
  sign "$OUT/half.req" $((HALF * DURATION + 100)) 2 modify
  checkpoint; snap half.start
  ./target/openload 127.0.0.1 "$PORT" "$OUT/half.req" "$HALF:$DURATION" -c 64 > "$OUT/half.txt" 2>&1
  snap half.end
fi
if want one; then
  log "modify, 1 connection, ${DURATION}s"
  sign "$OUT/one.req" $((RATE_CAP * DURATION / 2)) 2 modify; replay one 1 "$DURATION" "$OUT/one.req"
fi
if want throttled; then
  log "throttled CreateCustomImage, one account, $USERS connections, ${DURATION}s"
  sign "$OUT/throttled.req" $((RATE_CAP * DURATION)) 0 create "$OUT/one-account.json"
  replay throttled "$USERS" "$DURATION" "$OUT/throttled.req"
fi
if want badsig; then
  log "bad signature, $USERS connections, ${DURATION}s"
  sign "$OUT/badsig.req" $((RATE_CAP * 2 * DURATION)) 2 badsig; replay badsig "$USERS" "$DURATION" "$OUT/badsig.req"
fi
if want list; then
  log "ListCustomImages, $USERS connections, ${DURATION}s"
  sign "$OUT/list.req" $((RATE_CAP * DURATION)) 0 list; replay list "$USERS" "$DURATION" "$OUT/list.req"
fi
if want jfr; then
  log "modify under a JFR recording (profile only), ${DURATION}s"
  sign "$OUT/jfr.req" $((RATE_CAP * DURATION)) 2 modify
  jcmd "$PID" JFR.start name=bench settings=default > /dev/null
  replay jfr "$USERS" "$DURATION" "$OUT/jfr.req"
  jcmd "$PID" JFR.stop name=bench filename="$OUT/service-modify.jfr" > /dev/null
  python3 bench/jfr_hot.py "$OUT/service-modify.jfr" 15 > "$OUT/jfr_hot.txt" 2>&1 || log "jfr_hot.py failed"
fi
# Calls by action, code and principal type: shows that the ram and sts phases' calls ran as those principals.
curl -s "http://127.0.0.1:$PORT/q/metrics" | grep '^swas_api_requests_total' > "$OUT/requests-by-principal.txt" || true
echo "rss_kb_end=$(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status")" >> "$OUT/env.txt"
python3 bench/wrk_summary.py "$OUT" | tee "$OUT/summary.txt"
