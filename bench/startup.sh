#!/usr/bin/env bash
# Start-up and memory of the packaged jar with the container image's JVM settings (bench/container-jvm-options.sh):
#   - seconds from `java` to /q/health/ready answering 200, on a database migrated already, RUNS times;
#   - the resident set once ready, and after 10,000 signed ModifyImageShareStatus calls (8 connections, wrk).
# The AppCDS archive is made the way docker/Dockerfile.jvm makes it (CDS=0: without one). AOT=1 (a JDK 24+ JAVA) makes
# a JEP 483/514 AOT cache instead: one training start with the measured JVM options, -XX:AOTCacheOutput and
# -Dquarkus.appcds.generate=true (static initialisation only, no database: what an image build can do), then every
# measured start runs with -XX:AOTCache and -XX:AOTMode=on (a cache the JVM cannot use is an error, not a silent miss).
#
#   ./mvnw package -DskipTests && bench/startup.sh
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java CDS=0 bench/startup.sh                   # JDK 25, no archive
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java AOT=1 APP=target/quarkus-app-aotjar bench/startup.sh
# Parameters: RUNS (5), CDS (1), AOT (0), JAVA (java), APP (target/quarkus-app; an aot-jar build, whose classes the
# application class loader loads and an AOT cache can therefore hold: ./mvnw package -DskipTests
# -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=quarkus-app-aotjar), JVM_OPTS (default: the
# container image's), KEYS_COUNT (1: access keys in SWAS_ACCESS_KEYS for the timed starts; the start for the calls has
# the 1,000 accounts' keys whatever it is), CALLS (1: the resident set after 10,000 calls; 0: start-up only). Prints
# each run and the median.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD RUNS=${RUNS:-5} CDS=${CDS:-1} AOT=${AOT:-0} JAVA=${JAVA:-java} BASE=1000000 APP=${APP:-target/quarkus-app}
CALLS=${CALLS:-1}
JVM_OPTS=${JVM_OPTS:-$(bench/container-jvm-options.sh)}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
DB=swas_startup_$$ OUT=target/bench-startup; mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
createdb "$DB"
trap 'dropdb --if-exists --force "$DB"' EXIT
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" QUARKUS_DATASOURCE_USERNAME="$PGUSER"
export QUARKUS_DATASOURCE_PASSWORD="$PGPASSWORD" SWAS_AUTH_ENCRYPTION_KEY=ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=
keys() { seq 0 $(($1 - 1)) | awk -v b=$BASE '{ id = b + $1; printf "%s%d:AK%d:secret%d", (NR > 1 ? "," : ""), id, id, id }'; }
export SWAS_ACCESS_KEYS
SWAS_ACCESS_KEYS=$(keys "${KEYS_COUNT:-1}")
cd "$APP" # the archive records the class path as given: run as the image runs it, from one place
rm -f app-cds.jsa app.aot
if [[ "$AOT" == 1 ]]; then
  "$JAVA" $JVM_OPTS -XX:AOTCacheOutput=app.aot -Dquarkus.appcds.generate=true -jar quarkus-run.jar > "$OUT/aot.log" 2>&1
  JVM_OPTS="$JVM_OPTS -XX:AOTCache=app.aot -XX:AOTMode=on"
elif [[ "$CDS" == 1 ]]; then
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
  # CPU the JVM used to get there (utime + stime): on a shared, busy machine a steadier figure than the wall time
  local st; st=$(cat "/proc/$PID/stat"); st=${st##*) }; set -- $st
  READY_CPU=$(awk -v t=$(( ${12} + ${13} )) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }')
}
rss_mb() { echo $(( $(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status") / 1024 )); }
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }

start; stop # migrates the fresh database
psql -qX -d "$DB" -v images=10000 -v accounts=1000 -v base=$BASE -f "$ROOT/bench/seed.sql" > /dev/null
echo "date=$(date -u +%Y-%m-%dT%H:%MZ) java=$("$JAVA" -version 2>&1 | head -1 | cut -d'"' -f2) app=$APP cds=$CDS aot=$AOT" \
  "keys=${KEYS_COUNT:-1} loadavg=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/') jvm_opts=$JVM_OPTS"
TIMES=() CPUS=()
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
for i in $(seq 1 "$RUNS"); do
  start; echo "run $i: ready in ${READY_MS} ms, ${READY_CPU} s of CPU, rss $(rss_mb) MB"; TIMES+=("$READY_MS"); CPUS+=("$READY_CPU"); stop
done
echo "median: $(printf '%s\n' "${TIMES[@]}" | median) ms, $(printf '%s\n' "${CPUS[@]}" | median) s of CPU" \
  "of $RUNS, loadavg after $(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"
[[ "$CALLS" == 1 ]] || exit 0
SWAS_ACCESS_KEYS=$(keys 1000)
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
