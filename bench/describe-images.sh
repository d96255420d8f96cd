#!/usr/bin/env bash
# ECS DescribeImages latency with IMAGES images in the table (issue: the ECS view; acceptance: p50 with
# 1,000,000 images within 1.2x of 10,000). Fresh database, the packaged jar (./mvnw package -DskipTests first),
# 1,000 accounts, every other image shared to ECS; requests pre-signed (bench/presign.py), sent by
# bench/openload.c at a fixed rate: 30 s of warm-up, then RATE req/s for SECONDS, each call a random
# account's first page of images shared to ECS.
#
#   IMAGES=10000 bench/describe-images.sh ; IMAGES=1000000 bench/describe-images.sh
#   KEEP_DB=1: keep the database (its name is printed) to look at plans afterwards
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGES=${IMAGES:-10000} ACCOUNTS=${ACCOUNTS:-1000} RATE=${RATE:-200} SECONDS_MEASURED=${SECONDS_MEASURED:-30}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
DB=swas_describe_$$ BASE=1000000 OUT=target/bench-describe; mkdir -p "$OUT"
gcc -O2 -o target/openload bench/openload.c -lm
createdb "$DB"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
KEYS=$(seq 0 $((ACCOUNTS - 1)) | awk -v b=$BASE '{ id = b + $1; printf "%s%d:AK%d:secret%d", (NR > 1 ? "," : ""), id, id, id }')
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
QUARKUS_DATASOURCE_PASSWORD="$PGPASSWORD" SWAS_ACCESS_KEYS="$KEYS" \
SWAS_AUTH_ENCRYPTION_KEY=$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())') \
  java -XX:+UseParallelGC -Dquarkus.http.port="$PORT" -Dquarkus.log.console.json.enabled=false \
  '-Dswas.throttle.actions."DescribeImages".per-minute=2000000000' -jar target/quarkus-app/quarkus-run.jar \
  > "$OUT/service-$IMAGES.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; [ -n "${KEEP_DB:-}" ] || dropdb --if-exists --force "$DB"' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do sleep 0.5; done
psql -qX -d "$DB" -v images="$IMAGES" -v accounts="$ACCOUNTS" -v base="$BASE" -f bench/seed.sql > "$OUT/seed-$IMAGES.log"
psql -qX -d "$DB" -c "UPDATE custom_image SET in_share = (substr(image_id, 4)::bigint % 2 = 0)" \
  -c "VACUUM ANALYZE custom_image" -c "VACUUM ANALYZE image_ecs_share"
python3 - "$ACCOUNTS" "$BASE" > "$OUT/targets.json" <<'PY'
import json, sys
accounts, base = int(sys.argv[1]), int(sys.argv[2])
print(json.dumps([{"accountId": base + a, "keyId": f"AK{base + a}", "secret": f"secret{base + a}", "imageId": ""}
                  for a in range(accounts)]))
PY
python3 - "$OUT/targets.json" <<'PY'
import json, random, sys
t = json.load(open(sys.argv[1])); random.shuffle(t); json.dump(t, open(sys.argv[1], "w"))
PY
python3 bench/presign.py "$OUT/targets.json" "127.0.0.1:$PORT" $((RATE * (30 + SECONDS_MEASURED) + 100)) "$OUT/describe.req" 0 describe
./target/openload 127.0.0.1 "$PORT" "$OUT/describe.req" "$RATE:30" "$RATE:$SECONDS_MEASURED" -c 64 | tee "$OUT/describe-$IMAGES.out" | grep '^phase'
echo "images=$IMAGES: the second phase is the measurement ($(date -u +%Y-%m-%dT%H:%MZ)), database $DB"
