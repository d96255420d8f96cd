#!/usr/bin/env bash
# Prints the JVM options the container image (docker/Dockerfile.jvm) runs the service with, for benchmarks
# outside a container: what the image's run-java.sh adds by default (ParallelGC and its sizing, heap at
# JAVA_MAX_RAM_RATIO 80% of the memory limit), the memory limit of the generated manifest (512Mi) as MaxRAM,
# and the image's JAVA_OPTS_APPEND without its container paths (the AppCDS archive only changes start-up: see
# bench/startup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
append=$(sed -n 's/^ENV JAVA_OPTS_APPEND="\(.*\)"$/\1/p' docker/Dockerfile.jvm | tr ' ' '\n' \
  | grep -v -e '^-Dquarkus.http.host=' -e '^-XX:SharedArchiveFile=' | xargs)
echo "-XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4" \
  "-XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError -XX:MaxRAM=512m -XX:MaxRAMPercentage=80 $append"
