#!/usr/bin/env bash
# Builds the container image with BuildKit (the Dockerfile mounts a build secret), after making
# its base image available (scripts/base-images.sh: pulled, or built locally where no registry is
# reachable).
#   scripts/image-build.sh [IMAGE]          default mojo-scorer:latest
#   CA_BUNDLE=file   CA bundle for npm inside the build (a TLS-inspecting proxy); by default
#                    NODE_EXTRA_CA_CERTS or npm's own `cafile` setting, when either names a file.
#                    Handed in as a build secret: it never lands in an image layer.
set -euo pipefail
cd "$(dirname "$0")/.."

image=${1:-mojo-scorer:latest}
build_image=${BUILD_IMAGE:-debian:trixie-slim}

scripts/base-images.sh "$build_image"

ca=${CA_BUNDLE:-}
if [ -z "$ca" ] && [ -n "${NODE_EXTRA_CA_CERTS:-}" ]; then ca=$NODE_EXTRA_CA_CERTS; fi
if [ -z "$ca" ] && command -v npm >/dev/null 2>&1; then
  cafile=$(npm config get cafile 2>/dev/null || true)
  if [ -n "$cafile" ] && [ "$cafile" != null ] && [ "$cafile" != undefined ]; then ca=$cafile; fi
fi
secret=()
if [ -n "$ca" ] && [ -s "$ca" ]; then secret=(--secret "id=ca,src=$ca"); fi

# BuildKit: `docker buildx build --load` where the buildx plugin is installed; otherwise a Docker
# CLI older than 23 (e.g. Debian's docker.io) has BuildKit built in behind DOCKER_BUILDKIT=1.
builder=()
while IFS= read -r cli; do
  if "$cli" buildx version >/dev/null 2>&1; then
    builder=("$cli" buildx build --load)
    break
  fi
  major=$("$cli" version --format '{{.Client.Version}}' 2>/dev/null | cut -d. -f1 || true)
  if [[ "$major" =~ ^[0-9]+$ ]] && [ "$major" -lt 23 ]; then
    builder=(env DOCKER_BUILDKIT=1 "$cli" build)
    break
  fi
done < <(type -ap docker | awk '!seen[$0]++')
if [ ${#builder[@]} -eq 0 ]; then
  echo "image build: no Docker CLI with BuildKit found (install the docker buildx plugin)" >&2
  exit 1
fi

start=$(date +%s)
"${builder[@]}" --build-arg "BUILD_IMAGE=$build_image" "${secret[@]}" -t "$image" .
echo "image build: $image built in $(($(date +%s) - start)) s"
