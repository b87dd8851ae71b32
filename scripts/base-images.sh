#!/usr/bin/env bash
# Makes the base image the Dockerfile builds on available to the local Docker engine: present
# already, pulled, or, where no container registry is reachable, built here from Debian packages
# with debootstrap under the same name (Debian's package mirror is all it needs).
#   scripts/base-images.sh [IMAGE]   (default debian:trixie-slim; needs root for debootstrap)
#   The Debian suite comes from the tag (debian:trixie-slim → trixie) unless DEBIAN_SUITE is set.
set -euo pipefail

base=${1:-${BASE_IMAGE:-debian:trixie-slim}}
tag=${base##*:}
suite=${DEBIAN_SUITE:-${tag%-slim}}

if docker image inspect "$base" >/dev/null 2>&1; then
  echo "base image $base: present"
  exit 0
fi
if timeout 300 docker pull "$base"; then
  exit 0
fi

echo "base image $base: cannot be pulled; building it from Debian $suite with debootstrap"
if ! command -v debootstrap >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "debootstrap is missing and this is not root: install debootstrap (apt-get install debootstrap)" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
debootstrap --variant=minbase "$suite" "$rootfs" >"$rootfs.log" 2>&1 || {
  tail -20 "$rootfs.log" >&2
  rm -f "$rootfs.log"
  exit 1
}
rm -f "$rootfs.log"
# What the official -slim image leaves out as well: package lists, caches, docs.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
tar -C "$rootfs" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["bash"]' \
  - "$base"
echo "base image $base: built locally"
