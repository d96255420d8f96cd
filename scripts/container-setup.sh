#!/usr/bin/env bash
# Podman as it works on this project's machines (Debian bookworm, hybrid cgroups, no registry reachable; what was
# found by trying: docs/operations.md, "Containers"), installed and configured where it is not yet:
#   - the Debian packages podman buildah runc debootstrap catatonit;
#   - /etc/containers/containers.conf: runtime runc (crun refuses the hybrid cgroup layout: "cgroups in hybrid mode
#     not supported") and no default ulimits (setting RLIMIT_NOFILE/NPROC is not permitted here).
# Existing settings of that file are kept; only the two missing ones are added.
#
#   scripts/container-setup.sh          (root)
set -euo pipefail

log() { printf '[container-setup] %s\n' "$*" >&2; }
[[ $(id -u) == 0 ]] || { log "must run as root (podman's root storage, apt-get, debootstrap)"; exit 1; }

missing=()
for tool in podman:podman buildah:buildah runc:runc debootstrap:debootstrap catatonit:catatonit; do
    command -v "${tool%%:*}" > /dev/null 2>&1 || missing+=("${tool#*:}")
done
if (( ${#missing[@]} )); then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" > /dev/null
fi

conf=/etc/containers/containers.conf
mkdir -p /etc/containers
touch "$conf"
# add_setting SECTION KEY LINE: LINE under [SECTION] unless KEY is set there already.
add_setting() {
    local section=$1 key=$2 line=$3
    if awk -v s="[$section]" -v k="$key" '
        /^[[:space:]]*\[/ { gsub(/[[:space:]]/, ""); in_s = ($0 == s); next }
        in_s && $0 ~ "^[[:space:]]*" k "[[:space:]]*=" { found = 1 }
        END { exit found ? 0 : 1 }' "$conf"; then
        return
    fi
    log "$conf: [$section] $line"
    if grep -qE "^[[:space:]]*\[$section\][[:space:]]*$" "$conf"; then
        sed -i -E "0,/^[[:space:]]*\[$section\][[:space:]]*$/s//[$section]\n$line/" "$conf"
    else
        printf '\n[%s]\n%s\n' "$section" "$line" >> "$conf"
    fi
}
add_setting containers default_ulimits 'default_ulimits = []'
add_setting engine runtime 'runtime = "runc"'
if ! podman info --format '{{.Host.OCIRuntime.Name}}' 2>/dev/null | grep -qx runc; then
    log "warning: $conf names another runtime than runc; containers may fail to start (crun: cgroups in hybrid mode)"
fi
