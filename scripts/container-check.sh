#!/usr/bin/env bash
# The container image and the Kubernetes manifest, run as operators run them, on a machine that has no Docker, no
# Kubernetes and no registry access (CI runs this after ./mvnw verify: .ci/run):
#
#   1. podman set up (scripts/container-setup.sh) and a Java 17 base image made from Debian packages
#      (scripts/container-base-image.sh), kept in podman's storage and reused when present;
#   2. docker/Dockerfile.jvm built on it from target/quarkus-app (./mvnw package, run here only if missing), tagged
#      with the image name of the generated manifest;
#   3. a PostgreSQL of the check's own (initdb in a temporary directory, port 55432): stopping it never touches the
#      machine's server;
#   4. the image run alone (podman run, 512 MB like the manifest's limit): time to ready, liveness, readiness, the
#      official Node SDKs through the image lifecycle (V3 signatures), metrics, JSON logs, SIGTERM;
#   5. the generated manifest (target/kubernetes/kubernetes.yml) played with podman kube play, changed only where
#      podman needs it (scripts/kube-play-manifest.py): its two replicas become ready; the JVM runs the manifest's
#      command line (-XX:+ExitOnOutOfMemoryError) within its memory limit; a call signed with a key from the mounted
#      Secret succeeds; a key added to the Secret works on both replicas once they re-read the file; readiness is DOWN
#      while PostgreSQL is stopped (liveness UP) and UP again after it is started.
# Podman runs no probes (they would need systemd timers): the script probes /q/health/* over HTTP itself.
# Any answer other than the expected one ends the check with "FAIL: ..." and exit status 1; the last line of a
# passing run is "container check: PASS" with the figures.
#
#   sudo scripts/container-check.sh
#
# Environment: BASE_IMAGE (default localhost/swas-base/debian-jre17:bookworm; made if missing), CHECK_PGPORT (55432),
# KEEP=1 (leave the containers, pods and PostgreSQL running after a failure, for a look).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BASE_IMAGE=${BASE_IMAGE:-localhost/swas-base/debian-jre17:bookworm}
PGPORT=${CHECK_PGPORT:-55432}
MANIFEST=target/kubernetes/kubernetes.yml
SOLO=swas-check-app
T0=$(date +%s)

log() { printf '[container-check] %s\n' "$*" >&2; }
now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
FIGURES=()
figure() { FIGURES+=("$1"); log "$1"; }
FAILED_CONTAINER=
fail() {
    log "FAIL: $*"
    if [[ -n "$FAILED_CONTAINER" ]]; then
        log "last log lines of $FAILED_CONTAINER:"
        podman logs --tail 40 "$FAILED_CONTAINER" >&2 2>&1 || true
    fi
    exit 1
}

[[ $(id -u) == 0 ]] || { log "must run as root (podman's root storage, apt-get, debootstrap)"; exit 1; }
# One check at a time on a machine: the pods, secrets and volume below have fixed names.
exec 9> /run/lock/swas-container-check.lock
flock -w 1800 9 || fail "another container check still runs after 30 minutes"

# --- tools ----------------------------------------------------------------------------------------------------
scripts/container-setup.sh
need=()
command -v curl > /dev/null || need+=(curl)
command -v node > /dev/null || need+=(nodejs)
command -v npm > /dev/null || need+=(npm)
python3 -c 'import yaml' 2> /dev/null || need+=(python3-yaml)
ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1 || need+=(postgresql)
if (( ${#need[@]} )); then
    log "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need[@]}" > /dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if [[ ! -d src/test/node/node_modules/@alicloud/swas-open20200601 ]]; then
    log "installing the Node SDKs (npm ci in src/test/node)"
    (cd src/test/node && npm ci --no-audit --no-fund > /dev/null)
fi
export NODE_PATH=$ROOT/src/test/node/node_modules
sdk() { node scripts/container-check-sdk.js "$@"; }

if [[ ! -f target/quarkus-app/quarkus-run.jar || ! -f "$MANIFEST" ]]; then
    log "no target/quarkus-app or $MANIFEST: ./mvnw -B -q package -DskipTests"
    ./mvnw -B -q package -DskipTests
fi

# --- the check's own PostgreSQL --------------------------------------------------------------------------------
WORK=$(mktemp -d /tmp/swas-container-check.XXXXXX)
chmod 755 "$WORK"
PGDIR=$WORK/pg
cleanup() {
    local status=$?
    if [[ $status != 0 && "${KEEP:-0}" == 1 ]]; then
        log "KEEP=1: left running; PostgreSQL in $PGDIR, manifest $WORK/kube.yml"
        return
    fi
    podman rm -f -t 0 "$SOLO" > /dev/null 2>&1 || true
    [[ -f $WORK/kube.yml ]] && podman kube down "$WORK/kube.yml" > /dev/null 2>&1 || true
    podman secret rm swas-db swas-access-keys swas-access-keys-env > /dev/null 2>&1 || true
    podman volume rm -f swas-access-keys > /dev/null 2>&1 || true
    [[ -f $PGDIR/data/postmaster.pid ]] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop \
        > /dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
# Leftovers of an interrupted run (same fixed names).
podman rm -f -t 0 "$SOLO" > /dev/null 2>&1 || true
podman pod rm -f swas-image-share-pod-0 swas-image-share-pod-1 > /dev/null 2>&1 || true
podman secret rm swas-db swas-access-keys swas-access-keys-env > /dev/null 2>&1 || true
podman volume rm -f swas-access-keys > /dev/null 2>&1 || true

"$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" && fail "port $PGPORT is taken: set CHECK_PGPORT"
# The containers are on podman's bridge network, as pods are on a cluster network; they reach this server at the
# bridge's gateway address. It listens on every address but takes passwords only from this host and that network.
SUBNET=$(podman network inspect podman --format '{{range .Subnets}}{{.Subnet}}{{end}}')
GATEWAY=$(podman network inspect podman --format '{{range .Subnets}}{{.Gateway}}{{end}}')
PGPASS=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
mkdir -p "$PGDIR" && chown postgres "$PGDIR"
printf '%s\n' "$PGPASS" > "$PGDIR/pw" && chown postgres "$PGDIR/pw"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --pwfile="$PGDIR/pw" --auth-local=trust \
    --auth-host=scram-sha-256 > "$PGDIR/initdb.log" || fail "initdb: $(tail -n 5 "$PGDIR/initdb.log")"
echo "host all all $SUBNET scram-sha-256" >> "$PGDIR/data/pg_hba.conf"
pg() { runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 "$@" > /dev/null; }
pg_start() { pg -o "-p $PGPORT -k $PGDIR -h 0.0.0.0" start || fail "PostgreSQL: $(tail -n 5 "$PGDIR/server.log")"; }
pg_start
for db in swas_run swas_kube; do runuser -u postgres -- "$PGBIN/createdb" -h "$PGDIR" -p "$PGPORT" "$db"; done
jdbc() { echo "jdbc:postgresql://$GATEWAY:$PGPORT/$1"; }
log "PostgreSQL on port $PGPORT ($PGDIR), reached from containers at $GATEWAY"

# --- the image -------------------------------------------------------------------------------------------------
t=$(now_ms)
scripts/container-base-image.sh "$BASE_IMAGE"
figure "base image $BASE_IMAGE: ready in $(secs $(( $(now_ms) - t ))) s"
IMAGE=$(python3 -c 'import sys, yaml
print(next(d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "Deployment")
      ["spec"]["template"]["spec"]["containers"][0]["image"])' "$MANIFEST")
previous=$(podman image inspect --format '{{.Id}}' "$IMAGE" 2> /dev/null || true)
t=$(now_ms)
podman build -q --build-arg BASE="$BASE_IMAGE" -f docker/Dockerfile.jvm -t "$IMAGE" . > "$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; fail "podman build -f docker/Dockerfile.jvm"; }
# The image this tag named before: its layers would otherwise pile up in podman's storage, one set per run.
[[ -n "$previous" && "$previous" != "$(podman image inspect --format '{{.Id}}' "$IMAGE")" ]] \
    && podman rmi "$previous" > /dev/null 2>&1 || true
size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
base_size=$(podman image inspect --format '{{.Size}}' "$BASE_IMAGE")
figure "image $IMAGE built in $(secs $(( $(now_ms) - t ))) s: $(( size / 1000000 )) MB ($(( base_size / 1000000 )) MB base + $(( (size - base_size) / 1000000 )) MB application and class archive)"

# --- helpers for a running replica -----------------------------------------------------------------------------
status() { curl -s -o /dev/null -m 5 -w '%{http_code}' "http://$1$2" || true; }
# await HOST:PORT PATH CODE SECONDS: polls until PATH answers CODE; prints the milliseconds it took.
await() {
    local start deadline polls=0; start=$(now_ms); deadline=$(( start + $4 * 1000 ))
    until [[ "$(status "$1" "$2")" == "$3" ]]; do
        (( $(now_ms) < deadline )) || fail "$1$2 did not answer $3 within $4 s (last: $(status "$1" "$2"))"
        if (( ++polls % 20 == 0 )) && [[ -n "$FAILED_CONTAINER" ]]; then
            read -r state restarts < <(podman inspect --format '{{.State.Status}} {{.RestartCount}}' "$FAILED_CONTAINER")
            [[ $state == exited ]] && (( restarts >= 5 )) && fail "$FAILED_CONTAINER: exited, restarted $restarts times"
        fi
        sleep 0.1
    done
    echo $(( $(now_ms) - start ))
}
ip_of() { podman inspect --format '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$1"; }
# CPU seconds (user + system) the container's JVM has used: unlike wall time, hardly changed by a busy machine.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' \
    "/proc/$(podman inspect --format '{{.State.Pid}}' "$1")/stat"; }
cmdline_of() { podman exec "$1" cat /proc/1/cmdline | tr '\0' ' '; }
rand() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c "1-$1"; }
ENC_KEY=$(head -c 32 /dev/urandom | base64 -w 0)
ACCOUNT_A=19$(date +%s%N | tail -c 15) ACCOUNT_B=18$(date +%s%N | tail -c 15)
KEY_A=LTAI5tCheck$(rand 10) SECRET_A=$(rand 30) KEY_B=LTAI5tCheck$(rand 10) SECRET_B=$(rand 30)

# --- the image alone ---------------------------------------------------------------------------------------------
# JDK_JAVA_OPTIONS=-Xshare:on: the JVM refuses to start unless it can use the image's class archive, so a start here
# is a start with it (the java launcher reads the variable: the way to add options to the image's command line).
# Restarted on failure as Kubernetes restarts a pod's container: on a machine this busy the first connection may take
# longer than the pool's 2 s acquisition timeout, and start-up then fails (counted below).
t=$(now_ms)
podman run -d --name "$SOLO" --memory 512m --restart on-failure -e JDK_JAVA_OPTIONS=-Xshare:on \
    -e QUARKUS_DATASOURCE_JDBC_URL="$(jdbc swas_run)" -e QUARKUS_DATASOURCE_USERNAME=postgres \
    -e QUARKUS_DATASOURCE_PASSWORD="$PGPASS" -e SWAS_AUTH_ENCRYPTION_KEY="$ENC_KEY" \
    -e SWAS_ACCESS_KEYS="$ACCOUNT_A:$KEY_A:$SECRET_A,$ACCOUNT_B:$KEY_B:$SECRET_B" \
    "$IMAGE" > /dev/null
FAILED_CONTAINER=$SOLO
APP=$(ip_of "$SOLO"):8080
await "$APP" /q/health/ready 200 300 > /dev/null
ready_ms=$(( $(now_ms) - t ))
started=$(podman logs "$SOLO" 2>&1 | grep -o 'started in [0-9.]*s' | head -n 1 || true)
figure "podman run -> /q/health/ready 200: $(secs "$ready_ms") s, $(cpu_of "$SOLO") CPU-s (Quarkus: ${started:-no start line}; restarts: $(podman inspect --format '{{.RestartCount}}' "$SOLO"); load $(cut -d' ' -f1 /proc/loadavg))"
[[ "$(status "$APP" /q/health/live)" == 200 ]] || fail "/q/health/live is not 200"
sdk tour "$APP" "$KEY_A" "$SECRET_A" "$ACCOUNT_B" "$KEY_B" "$SECRET_B" > "$WORK/tour.log" 2>&1 \
    || { cat "$WORK/tour.log" >&2; fail "the Node SDKs against the image"; }
log "Node SDKs: $(tr '\n' ' ' < "$WORK/tour.log")"
sdk call "$APP" "LTAI5tCheckUnknown" "whatever" InvalidAccessKeyId.NotFound > /dev/null || fail "an unknown key is not refused"
# (Captured to files first: grep -q ends early, and under pipefail the writer's SIGPIPE would fail the pipeline.)
curl -s -o "$WORK/metrics.txt" "http://$APP/q/metrics"
grep -q '^swas_api_requests_total{.*action="ModifyImageShareStatus".*code="Success"' "$WORK/metrics.txt" \
    || fail "/q/metrics has no successful ModifyImageShareStatus"
podman logs "$SOLO" > "$WORK/solo.log" 2>&1
grep '^{' "$WORK/solo.log" | grep -q '"message":"Completed action=CreateCustomImage code=Success' \
    || fail "no JSON log line for the calls"
t=$(now_ms)
podman stop -t 40 "$SOLO" > /dev/null
exit_code=$(podman inspect --format '{{.State.ExitCode}}' "$SOLO")
[[ "$exit_code" == 0 || "$exit_code" == 143 ]] || fail "exit status $exit_code after SIGTERM (137: killed)"
figure "SIGTERM -> exit: $(secs $(( $(now_ms) - t ))) s, status $exit_code"
FAILED_CONTAINER=
podman rm "$SOLO" > /dev/null

# --- the Kubernetes manifest -------------------------------------------------------------------------------------
python3 scripts/kube-play-manifest.py "$MANIFEST" "$WORK/kube.yml"
b64() { printf '%s' "$1" | base64 -w 0; }
# keys_secret FILE_CONTENT: the Secret swas-access-keys as podman 4.3 reads a mounted one (data written undecoded).
keys_secret() {
    python3 -c 'import json, sys
print(json.dumps({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "swas-access-keys"},
                  "data": {"keys": sys.argv[1], "encryption-key": sys.argv[2]}}))' "$1" "$ENC_KEY"
}
printf '{"jdbc-url":"%s","username":"%s","password":"%s"}' "$(b64 "$(jdbc swas_kube)")" "$(b64 postgres)" \
    "$(b64 "$PGPASS")" | podman secret create swas-db - > /dev/null
printf '{"encryption-key":"%s"}' "$(b64 "$ENC_KEY")" | podman secret create swas-access-keys-env - > /dev/null
KEYS_V1="# accountId:accessKeyId:secret
$ACCOUNT_A:$KEY_A:$SECRET_A
"
keys_secret "$KEYS_V1" | podman secret create swas-access-keys - > /dev/null

t=$(now_ms)
# --network podman: podman 4.3 otherwise puts kube pods on a network of their own (podman-default-kube-network,
# 10.89.0.0/24) that the check's PostgreSQL does not admit. Its messages about healthchecks needing systemd go to
# the log file (podman runs no probes here, see above).
podman kube play --network podman "$WORK/kube.yml" > "$WORK/play.log" 2>&1 \
    || { cat "$WORK/play.log" >&2; fail "podman kube play"; }
mapfile -t PODS < <(podman pod ps --filter name='^swas-image-share-pod-' --format '{{.Name}}' | sort)
replicas=$(python3 -c 'import sys, yaml
print(next(d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "Deployment")["spec"]["replicas"])' \
    "$MANIFEST")
(( ${#PODS[@]} == replicas )) || fail "${#PODS[@]} pods for $replicas replicas"
REPLICAS=() RESTARTS=()
for pod in "${PODS[@]}"; do
    ctr=$pod-swas-image-share
    FAILED_CONTAINER=$ctr
    addr=$(ip_of "$(podman pod inspect --format '{{.InfraContainerID}}' "$pod")"):8080
    await "$addr" /q/health/ready 200 300 > /dev/null
    REPLICAS+=("$addr")
    cmdline=$(cmdline_of "$ctr")
    [[ " $cmdline " == *" -XX:+ExitOnOutOfMemoryError "* ]] || fail "$ctr runs without -XX:+ExitOnOutOfMemoryError: $cmdline"
    memory=$(podman inspect --format '{{.HostConfig.Memory}}' "$ctr")
    [[ "$memory" == 536870912 ]] || fail "$ctr: memory limit $memory, not the manifest's 512Mi"
    RESTARTS+=("$(podman inspect --format '{{.RestartCount}}' "$ctr")")
done
FAILED_CONTAINER=
figure "podman kube play -> ${#REPLICAS[@]} replicas ready: $(secs $(( $(now_ms) - t ))) s (each limited to 1 CPU and 512Mi; restarts: ${RESTARTS[*]})"

for addr in "${REPLICAS[@]}"; do
    sdk call "$addr" "$KEY_A" "$SECRET_A" Success > /dev/null || fail "$addr: the key from the mounted Secret"
    sdk call "$addr" "$KEY_B" "$SECRET_B" InvalidAccessKeyId.NotFound > /dev/null || fail "$addr: a key not yet in the Secret"
done
log "a call signed with the key from the mounted Secret succeeds on ${#REPLICAS[@]} replicas"

# A key added to the Secret. Kubernetes would update the Secret (kubectl apply) and the kubelet would then replace
# the mounted file atomically. Podman 4.3 has neither an update of a secret nor a sync of a mounted one: the secret
# is replaced (rm + create, what `podman kube play` of a Secret does too) and the file is replaced in the volume
# podman made of it (named after the secret, mounted by both replicas) by a rename, which is atomic as the
# kubelet's switch is.
KEYS_V2="$KEYS_V1$ACCOUNT_B:$KEY_B:$SECRET_B
"
podman secret rm swas-access-keys > /dev/null
keys_secret "$KEYS_V2" | podman secret create swas-access-keys - > /dev/null
volume=$(podman volume inspect --format '{{.Mountpoint}}' swas-access-keys)
printf '%s' "$KEYS_V2" > "$volume/.keys.new" && mv "$volume/.keys.new" "$volume/keys"
t=$(now_ms)
for addr in "${REPLICAS[@]}"; do
    deadline=$(( $(now_ms) + 60000 ))
    until sdk call "$addr" "$KEY_B" "$SECRET_B" Success > /dev/null 2>&1; do
        (( $(now_ms) < deadline )) || fail "$addr: the added key does not work 60 s after the file changed"
        sleep 0.5
    done
    sdk call "$addr" "$KEY_A" "$SECRET_A" Success > /dev/null || fail "$addr: the first key stopped working"
done
figure "a key added to the Secret works on every replica $(secs $(( $(now_ms) - t ))) s after the file changed (poll: 10 s)"

# Readiness follows the database: DOWN while the check's PostgreSQL is stopped, liveness UP (no restart for an
# outage that is not the replica's), UP again once it is back.
pg -m fast stop
t=$(now_ms)
for addr in "${REPLICAS[@]}"; do
    await "$addr" /q/health/ready 503 60 > /dev/null
    [[ "$(status "$addr" /q/health/live)" == 200 ]] || fail "$addr: liveness not UP while the database is away"
done
figure "PostgreSQL stopped -> readiness DOWN (503) on every replica: $(secs $(( $(now_ms) - t ))) s; liveness UP"
pg_start
t=$(now_ms)
for addr in "${REPLICAS[@]}"; do
    await "$addr" /q/health/ready 200 60 > /dev/null
    sdk call "$addr" "$KEY_B" "$SECRET_B" Success > /dev/null || fail "$addr: a call after PostgreSQL came back"
done
figure "PostgreSQL started -> readiness UP (200) on every replica and calls succeed: $(secs $(( $(now_ms) - t ))) s"

podman kube down "$WORK/kube.yml" > "$WORK/down.log" 2>&1 || { cat "$WORK/down.log" >&2; fail "podman kube down"; }
log "not run by podman (docs/operations.md): probes, preStop, terminationGracePeriodSeconds, the Service, the"
log "PodDisruptionBudget, the PrometheusRule and the dashboard ConfigMap"
log "container check: PASS in $(( $(date +%s) - T0 )) s"
printf '  %s\n' "${FIGURES[@]}" >&2
