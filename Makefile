# Same targets as the original Java scorer's Makefile (build the image, run it, test, clean), plus
# the container checks.
IMAGE ?= mojo-scorer
TAG ?= latest
PORT ?= 8080
MODEL ?=

.PHONY: all base-images build image-test run local test bench clean

all: build

node_modules: package.json package-lock.json
	npm ci
	@touch node_modules

# The Dockerfile's base image: pulled, or built here with debootstrap where no registry is reachable.
base-images:
	scripts/base-images.sh

# docker build with BuildKit (plain `docker build .` does the same on Docker 23+ with Docker Hub at
# hand); also makes the base image available and hands npm's CA bundle in as a build secret.
build:
	scripts/image-build.sh $(IMAGE):$(TAG)

# Builds the image, then runs it as SageMaker does and checks the contract (scripts/image-test.ts).
# Without a Docker daemon it says so and passes as skipped (scripts/ci-image-test.sh starts one as root).
# node_modules is order-only: an existing one (possibly a link shared with another checkout) is
# used as it is, never reinstalled over (npm ci empties the folder a link points to).
image-test: | node_modules
	@if ! docker info >/dev/null 2>&1; then \
	  echo "image test skipped: no Docker daemon (start one, or run scripts/ci-image-test.sh as root)"; \
	else \
	  $(MAKE) build && npx bun scripts/image-test.ts $(IMAGE):$(TAG); \
	fi

# Run the container as SageMaker does (`serve`); MODEL=path/to/model.zip (or a folder, or a
# model.tar.gz) is mounted under /opt/ml/model.
run: build
	docker run --rm -p $(PORT):8080 $(if $(MODEL),-v $(abspath $(MODEL)):/opt/ml/model/$(notdir $(MODEL)):ro) $(IMAGE):$(TAG) serve

# Run locally without Docker (demo model unless MODEL is set).
local: | node_modules
	npx bun src/cli.ts serve --port $(PORT) $(if $(MODEL),--model $(MODEL))

test: | node_modules
	npm test

bench: | node_modules
	npm run bench

clean:
	-docker rmi $(IMAGE):$(TAG) 2>/dev/null
	rm -rf node_modules bench/out
