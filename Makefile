# Taskline: `make dev` runs it, `make test` tests it.
SHELL := /bin/bash
# npm scripts and these targets run on the Node 24 pinned in node_modules (the system Node may be older).
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: dev test build lint install services format clean bench-nlu

node_modules/.package-lock.json: package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $@

install: node_modules/.package-lock.json

services:
	@scripts/services.sh

dev: install services
	@scripts/dev.sh

test: install services
	tsc -p tsconfig.json
	vitest run

build: install
	tsc -p tsconfig.json

lint: install
	eslint --max-warnings 0 .
	prettier --check .

format: install
	prettier --write .

clean:
	rm -rf node_modules .dev

bench-nlu: install
	node bench/nlu.bench.ts
