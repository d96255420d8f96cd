#!/usr/bin/env bash
# Time to ready of the container image, with its class archive (the image's command line) and without it (the same
# command line less -XX:SharedArchiveFile), alternating, RUNS times each, on a fresh database of the PostgreSQL at
# 127.0.0.1:5432 (user postgres / password postgres) that is migrated once before the measured runs and dropped at
# the end. Ready: `podman run` to the first 200 of /q/health/ready; CPU-s: the JVM's user + system time by then
# (little changed by a busy machine, unlike the wall time). Build the image first (scripts/container-check.sh).
#
#   scripts/container-startup.sh [IMAGE]      (root; default IMAGE: the generated manifest's)
# Environment: RUNS (5), MEMORY (512m, the manifest's limit), CPUS (empty: no limit; 1 = the manifest's limit).
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=${1:-$(python3 -c 'import yaml
print(next(d for d in yaml.safe_load_all(open("target/kubernetes/kubernetes.yml")) if d and d["kind"] == "Deployment")
      ["spec"]["template"]["spec"]["containers"][0]["image"])')}
RUNS=${RUNS:-5} MEMORY=${MEMORY:-512m} CPUS=${CPUS:-}
export PGPASSWORD=postgres
DB=swas_startup_$$ NAME=swas-startup-$$
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
psql -qX -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $DB"
trap 'podman rm -f -t 0 "$NAME" > /dev/null 2>&1 || true; psql -qX -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"' EXIT

mapfile -t COMMAND < <(podman image inspect --format '{{range .Config.Entrypoint}}{{println .}}{{end}}' "$IMAGE" | sed '/^$/d')
NO_CDS=()
for part in "${COMMAND[@]}"; do [[ $part == -XX:SharedArchiveFile=* ]] || NO_CDS+=("$part"); done

# run LABEL COMMAND...: prints LABEL and the milliseconds to ready.
run() {
    local label=$1 t; shift
    t=$(date +%s%3N)
    # Restarted on failure as Kubernetes would (a start that fails on the pool's 2 s acquisition timeout, as it does
    # on a very busy machine, counts in the time); the restarts are printed.
    podman run -d --name "$NAME" --network host --memory "$MEMORY" ${CPUS:+--cpus "$CPUS"} --restart on-failure \
        -e QUARKUS_HTTP_PORT="$PORT" -e QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
        -e QUARKUS_DATASOURCE_USERNAME=postgres -e QUARKUS_DATASOURCE_PASSWORD=postgres \
        -e SWAS_AUTH_ENCRYPTION_KEY=ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM= \
        --entrypoint "$1" "$IMAGE" "${@:2}" > /dev/null
    until [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$PORT/q/health/ready")" == 200 ]]; do
        (( $(date +%s%3N) - t < 600000 )) || { podman logs --tail 20 "$NAME" >&2; exit 1; }
        sleep 0.05
    done
    local ms=$(( $(date +%s%3N) - t ))
    echo "$label $ms cpu_s=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' \
        "/proc/$(podman inspect --format '{{.State.Pid}}' "$NAME")/stat") restarts=$(podman inspect \
        --format '{{.RestartCount}}' "$NAME")"
    podman rm -f -t 30 "$NAME" > /dev/null
}

run migrate "${COMMAND[@]}" > /dev/null
echo "image=$IMAGE runs=$RUNS memory=$MEMORY cpus=${CPUS:-unlimited} date=$(date -u +%Y-%m-%dT%H:%MZ) load=$(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$RUNS"); do
    run cds "${COMMAND[@]}"
    run no-cds "${NO_CDS[@]}"
done | tee /dev/stderr | awk '{ sub("cpu_s=", "", $3); sum[$1] += $2; cpu[$1] += $3; n[$1]++; v[$1] = v[$1] " " $2 }
    END { for (k in sum) printf "%s: mean %.2f s, %.1f CPU-s (ms:%s)\n", k, sum[k] / n[k] / 1000, cpu[k] / n[k], v[k] }'
