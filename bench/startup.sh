#!/usr/bin/env bash
# Start-up and memory of the packaged jar with the container image's JVM settings (bench/container-jvm-options.sh):
#   - seconds from `java` to /q/health/ready answering 200, on a database migrated already, RUNS times;
#   - the resident set once ready, and after 10,000 signed ModifyImageShareStatus calls (8 connections, wrk).
# The AppCDS archive is made the way docker/Dockerfile.jvm makes it (CDS=0: without one).
#
#   ./mvnw package -DskipTests && bench/startup.sh
# Parameters: RUNS (5), CDS (1), JAVA (java), JVM_OPTS (default: the container image's), KEYS_COUNT (1: access keys
# in SWAS_ACCESS_KEYS; the calls use 1,000 accounts whatever it is).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD RUNS=${RUNS:-5} CDS=${CDS:-1} JAVA=${JAVA:-java} BASE=1000000
JVM_OPTS=${JVM_OPTS:-$(bench/container-jvm-options.sh)}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
DB=swas_startup_$$ OUT=target/bench-startup; mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
createdb "$DB"
trap 'dropdb --if-exists --force "$DB"' EXIT
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" QUARKUS_DATASOURCE_USERNAME="$PGUSER"
export QUARKUS_DATASOURCE_PASSWORD="$PGPASSWORD" SWAS_AUTH_ENCRYPTION_KEY=ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=
export SWAS_ACCESS_KEYS
SWAS_ACCESS_KEYS=$(seq 0 999 | awk -v b=$BASE '{ id = b + $1; printf "%s%d:AK%d:secret%d", (NR > 1 ? "," : ""), id, id, id }')
cd target/quarkus-app # the archive records the class path as given: run as the image runs it, from one place
rm -f app-cds.jsa
if [[ "$CDS" == 1 ]]; then
  "$JAVA" -XX:ArchiveClassesAtExit=app-cds.jsa -Dquarkus.appcds.generate=true -jar quarkus-run.jar > "$OUT/cds.log" 2>&1
  JVM_OPTS="$JVM_OPTS -XX:SharedArchiveFile=app-cds.jsa"
fi
start() { # -> PID, READY_MS
  local t0; t0=$(date +%s%3N)
  "$JAVA" $JVM_OPTS -Dquarkus.http.port="$PORT" '-Dswas.throttle.actions."ModifyImageShareStatus".per-minute=2000000000' \
    -jar quarkus-run.jar > "$OUT/service.log" 2>&1 &
  PID=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/q/health/ready")" == 200 ]]; do
    kill -0 "$PID" 2>/dev/null || { tail -20 "$OUT/service.log"; exit 1; }
    sleep 0.02
  done
  READY_MS=$(( $(date +%s%3N) - t0 ))
}
rss_mb() { echo $(( $(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status") / 1024 )); }
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }

start; stop # migrates the fresh database
psql -qX -d "$DB" -v images=10000 -v accounts=1000 -v base=$BASE -f "$ROOT/bench/seed.sql" > /dev/null
echo "date=$(date -u +%Y-%m-%dT%H:%MZ) java=$("$JAVA" -version 2>&1 | head -1 | cut -d'"' -f2) cds=$CDS jvm_opts=$JVM_OPTS"
for i in $(seq 1 "$RUNS"); do
  start; echo "run $i: ready in ${READY_MS} ms, rss $(rss_mb) MB"; stop
done
start
python3 - "$BASE" > "$OUT/targets.json" <<'PY'
import json, random, sys
base = int(sys.argv[1])
t = [{"accountId": base + g % 1000, "keyId": f"AK{base + g % 1000}", "secret": f"secret{base + g % 1000}",
      "imageId": f"m-b{g}"} for g in range(10000)]
random.shuffle(t)
print(json.dumps(t))
PY
python3 "$ROOT/bench/presign.py" "$OUT/targets.json" "127.0.0.1:$PORT" 10000 "$OUT/calls.req" 2 modify
wrk -t 2 -c 8 -d 60s -s "$ROOT/bench/wrk-replay.lua" "http://127.0.0.1:$PORT" -- "$OUT/calls.req" 2 > "$OUT/calls.txt"
grep 'replay: threads' "$OUT/calls.txt"
sleep 6 # one TrimNativeHeapInterval
echo "after 10,000 calls: rss $(rss_mb) MB"
stop
