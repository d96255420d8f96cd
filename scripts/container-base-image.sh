#!/usr/bin/env bash
# Makes a Java 17 runtime base image from Debian packages, for machines that cannot pull one from a registry:
#   debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm, trimmed, then podman import.
# Does nothing when the image is in podman's storage already (FORCE=1 rebuilds it).
#
#   scripts/container-base-image.sh [NAME]        (root; default NAME: localhost/swas-base/debian-jre17:bookworm)
#
# Environment: DEBIAN_MIRROR (default: the first http(s) mirror in this machine's APT sources, else
# http://deb.debian.org/debian), FORCE.
set -euo pipefail

NAME=${1:-localhost/swas-base/debian-jre17:bookworm}
log() { printf '[base-image] %s\n' "$*" >&2; }

if [[ "${FORCE:-0}" != 1 ]] && podman image exists "$NAME"; then
    log "$NAME is present: reused"
    exit 0
fi

mirror=${DEBIAN_MIRROR:-$( (grep -rhoE '^(deb +|URIs: +)https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list \
    /etc/apt/sources.list.d/ 2>/dev/null || true) | head -n 1 | sed -E 's/^(deb|URIs:) +//; s/ *$//')}
mirror=${mirror:-http://deb.debian.org/debian}
rootfs=$(mktemp -d /var/tmp/swas-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT

started=$(date +%s)
log "debootstrap bookworm from $mirror into $rootfs (about 2 minutes)"
debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "$mirror" \
    > "$rootfs.debootstrap.log" 2>&1 || { tail -n 30 "$rootfs.debootstrap.log" >&2; exit 1; }
rm -f "$rootfs.debootstrap.log"

# What a runtime image never uses: the downloaded .deb files, package lists, documentation, manuals and
# translations (dpkg still knows the packages; only their files under these paths are gone).
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/*
"$rootfs/usr/bin/java" -version > /dev/null 2>&1 || chroot "$rootfs" java -version > /dev/null

# The image config an imported file system lacks: PATH (java is /usr/bin/java, from Debian's alternatives) and a
# UTF-8 locale that needs no locale data.
tar --numeric-owner -C "$rootfs" -c . | podman import --quiet \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --message "debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm ($mirror)" \
    - "$NAME" > /dev/null
log "$NAME made in $(( $(date +%s) - started )) s: $(podman image inspect --format '{{.Size}}' "$NAME" \
    | awk '{printf "%.0f MB", $1 / 1e6}'), $(podman run --rm --runtime runc "$NAME" java -version 2>&1 | head -n 1)"
