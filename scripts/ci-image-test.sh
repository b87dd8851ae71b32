#!/usr/bin/env bash
# CI step: `make image-test` (build the image, run it as SageMaker does, check the contract) when a
# Docker engine can be had: one already running, or, as root, dockerd started here (Debian's
# docker.io installed first when missing) and stopped again at the end. When no engine can be
# started this prints "image test skipped: <reason>" and succeeds; a failing image test fails.
#   IMAGE_TEST=0   skip it.   DOCKER_STORAGE_DRIVER   for the dockerd started here (default vfs,
#   which works inside containers and on any file system).
set -uo pipefail
cd "$(dirname "$0")/.."

skip() {
  echo "image test skipped: $*"
  exit 0
}

case "${IMAGE_TEST:-1}" in 0 | false | no | off) skip "IMAGE_TEST=${IMAGE_TEST}" ;; esac

dockerd_pid=""
workdir=$(mktemp -d)
stop_dockerd() {
  if [ -n "$dockerd_pid" ] && kill -0 "$dockerd_pid" 2>/dev/null; then
    kill -TERM "$dockerd_pid"
    for _ in $(seq 30); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 1; done
  fi
  rm -rf "$workdir"
}
trap stop_dockerd EXIT

if ! docker info >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || skip "no running Docker engine, and starting one needs root"
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    echo "image test: installing docker.io"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null 2>&1) ||
      skip "docker.io could not be installed"
  fi
  dockerd --storage-driver "${DOCKER_STORAGE_DRIVER:-vfs}" --pidfile "$workdir/dockerd.pid" >"$workdir/dockerd.log" 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && break
    kill -0 "$dockerd_pid" 2>/dev/null || break
    sleep 1
  done
  if ! docker info >/dev/null 2>&1; then
    tail -5 "$workdir/dockerd.log"
    skip "dockerd did not start (its last log lines are above)"
  fi
fi

start=$(date +%s)
if command -v make >/dev/null 2>&1; then
  make image-test
else
  scripts/image-build.sh mojo-scorer:latest && npx bun scripts/image-test.ts mojo-scorer:latest
fi
status=$?
echo "image test: finished in $(($(date +%s) - start)) s (exit $status)"
exit "$status"
