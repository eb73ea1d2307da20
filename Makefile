# Taskline: `make dev` runs it, `make test` tests it.
SHELL := /bin/bash
# npm scripts and these targets run on the Node 24 pinned in node_modules (the system Node may be older).
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: dev test build lint install services console format clean bench bench-nlu bench-operator bench-console chaos generate

node_modules/.package-lock.json: package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $@

install: node_modules/.package-lock.json

services:
	@scripts/services.sh

dev: install services console
	@scripts/dev.sh

test: install services console
	tsc -p tsconfig.json
	vitest run

# The built console (console/dist), served by `taskline api`.
console: install
	npm run --silent build -w @taskline/console

build: install
	tsc -p tsconfig.json
	node scripts/bundle.ts

lint: install
	node operator/scripts/generate.ts --check
	node services/api/scripts/openapi.ts --check
	npm run --silent check -w @taskline/console
	eslint --max-warnings 0 .
	prettier --check .

generate: install
	node operator/scripts/generate.ts
	node services/api/scripts/openapi.ts

format: install
	prettier --write .

clean:
	rm -rf node_modules .dev

bench-nlu: install
	node --max-semi-space-size=16 bench/nlu.bench.ts

bench-operator: install services
	node bench/operator.bench.ts

# The long chaos runs: 2,000 messages through 8 kill -9s of the worker (make test: 150 through 3), PostgreSQL
# stopped for 20 s (make test: 6 s), and 2,000 messages through Cloud API 429s/5xx/timeouts, a kill -9 and a NATS
# restart (make test: 120).
chaos: install services
	CHAOS_MESSAGES=2000 CHAOS_KILLS=8 CHAOS_PG_SECONDS=20 CHAOS_MIXED_MESSAGES=2000 vitest run test/chaos

bench-console: install services
	node bench/console.bench.ts

# Every benchmark, one after the other (about 10 minutes); tables on stdout, JSON in bench/results/.
bench: install services
	node bench/ingest.bench.ts
	node bench/e2e.bench.ts 2000 1
	node bench/e2e.bench.ts 2000 2
	node bench/idle.bench.ts
	node --max-semi-space-size=16 bench/nlu.bench.ts
	node bench/operator.bench.ts
	node bench/console.bench.ts
