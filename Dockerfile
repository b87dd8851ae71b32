# mojo-scorer: SageMaker-compatible H2O-3 MOJO scorer on Bun (no JVM).
# SageMaker runs `docker run <image> serve` with the model at /opt/ml/model.
#
# The build stage compiles src/cli.ts with `bun build --compile` into one self-contained binary
# (Bun runtime, production dependencies, the Swagger UI assets and the demo model embedded; with
# --bytecode, the modules' bytecode too, so that a start does not parse them: about a third of a
# cold start otherwise); the image is that binary plus the C libraries it links, so no Node, npm,
# node_modules or sources.
# Plain `docker build .` works with BuildKit (the default from Docker 23; DOCKER_BUILDKIT=1 on
# older engines; `make build` picks what the machine has). Where npm's registry is reached through
# a TLS-inspecting proxy, hand the proxy's CA bundle in for `npm ci` only (never stored in the image):
#   DOCKER_BUILDKIT=1 docker build --secret id=ca,src=/path/to/ca-bundle.crt .
# No `# syntax=` line on purpose: the builder's own Dockerfile frontend handles everything here,
# and offline builders cannot pull another one.

# Build stage base: any Debian-family image whose Node is 20 or later (package.json's engines);
# Node and npm come from apt when it has none (Debian 13 "trixie" ships Node 20; bookworm's 18 is
# too old and is refused below).
ARG BUILD_IMAGE=debian:trixie-slim

FROM ${BUILD_IMAGE} AS build
RUN if ! command -v npm >/dev/null 2>&1; then \
      apt-get update \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm ca-certificates \
      && rm -rf /var/lib/apt/lists/*; \
    fi \
    && node -e 'const v = process.versions.node; if (+v.split(".")[0] < 20) { console.error(`the build stage needs Node 20 or later, found ${v}: set BUILD_IMAGE`); process.exit(1); }'
# Inputs are bind-mounted rather than copied: fewer layers (each one is a full copy of the file
# system on storage drivers like vfs), same build cache.
WORKDIR /build
# Production dependencies only, which are the server workspace's (the library package at the root
# has none): Bun itself comes from the `bun` npm package. `prepare` finds no build tools and skips.
RUN --mount=type=bind,source=package.json,target=package.json \
    --mount=type=bind,source=package-lock.json,target=package-lock.json \
    --mount=type=bind,source=packages/server/package.json,target=packages/server/package.json \
    --mount=type=bind,source=scripts/prepare-library.mjs,target=scripts/prepare-library.mjs \
    --mount=type=secret,id=ca \
    if [ -s /run/secrets/ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca; fi; \
    npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# One binary, and next to it the runtime file system: the dynamic loader and the libraries the
# binary links (glibc), and /tmp.
RUN --mount=type=bind,source=src,target=src \
    --mount=type=bind,source=tsconfig.json,target=tsconfig.json \
    --mount=type=bind,source=package.json,target=package.json \
    ./node_modules/.bin/bun build --compile --minify --sourcemap --bytecode src/cli.ts src/server/multi-model/load-worker.ts src/cli/score-thread.ts --outfile /out/mojo-scorer \
    && rm -f /out/mojo-scorer.map \
    && /out/mojo-scorer --help >/dev/null \
    && mkdir -p /rootfs/tmp /rootfs/usr/local/bin \
    && chmod 1777 /rootfs/tmp \
    && ldd /out/mojo-scorer | grep -o '/[^ ]*' | sort -u | xargs -I{} cp --parents -L {} /rootfs/ \
    && mv /out/mojo-scorer /rootfs/usr/local/bin/mojo-scorer

FROM scratch
COPY --from=build /rootfs/ /
LABEL com.amazonaws.sagemaker.capabilities.accept-bind-to-port=true \
      com.amazonaws.sagemaker.capabilities.multi-models=true \
      org.opencontainers.image.title="mojo-scorer" \
      org.opencontainers.image.description="SageMaker-compatible scorer for H2O-3 MOJO models (Bun, no JVM)"
ENV PATH=/usr/local/bin \
    NODE_ENV=production
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/mojo-scorer"]
CMD ["serve"]
