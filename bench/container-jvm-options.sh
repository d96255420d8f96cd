#!/usr/bin/env bash
# Prints the JVM options the container image (docker/Dockerfile.jvm) runs the service with, for benchmarks
# outside a container: the options of the image's command line (its ENTRYPOINT, the same as the generated manifest's
# command) without those tied to the image's paths and network (the class archive only changes start-up: see
# bench/startup.sh), and the manifest's 512Mi memory limit as MaxRAM, so that -XX:MaxRAMPercentage sizes the heap as
# in the container.
set -euo pipefail
cd "$(dirname "$0")/.."
options=$(python3 - <<'PY'
import json, re
text = re.sub(r"\\\n", " ", open("docker/Dockerfile.jvm").read())
command = json.loads(next(l for l in text.splitlines() if l.startswith("ENTRYPOINT "))[len("ENTRYPOINT "):])
jvm = command[1:command.index("-jar")]
print(" ".join(o for o in jvm if not o.startswith(("-XX:SharedArchiveFile=", "-Dquarkus.http.host="))))
PY
)
echo "-XX:MaxRAM=512m $options"
