# Same targets as the original Java scorer's Makefile: build the image, run it, test, clean.
IMAGE ?= mojo-scorer
TAG ?= latest
PORT ?= 8080
MODEL ?=

.PHONY: all build run local test bench clean

all: build

node_modules: package.json package-lock.json
	npm ci
	@touch node_modules

build:
	docker build -t $(IMAGE):$(TAG) .

# Run the container as SageMaker does (`serve`); MODEL=/path/to/model.zip mounts a model.
run: build
	docker run --rm -p $(PORT):8080 $(if $(MODEL),-v $(abspath $(MODEL)):/opt/ml/model/$(notdir $(MODEL)):ro) $(IMAGE):$(TAG) serve

# Run locally without Docker (demo model unless MODEL is set).
local: node_modules
	npx bun src/cli.ts serve --port $(PORT) $(if $(MODEL),--model $(MODEL))

test: node_modules
	npm test

bench: node_modules
	npm run bench

clean:
	-docker rmi $(IMAGE):$(TAG) 2>/dev/null
	rm -rf node_modules bench/out
