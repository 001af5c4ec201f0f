# StoreOps: `make run` builds everything and serves the demo on http://127.0.0.1:8080;
# `make test` runs every test suite. See README.md.

GO       ?= go
BIN      := bin/storeops
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -s -w -X main.version=$(VERSION)
# Recipes use bash: test-go probes MariaDB with bash's /dev/tcp, which dash lacks.
SHELL    := /bin/bash
MYSQL_TEST_DSN ?= root@tcp(127.0.0.1:3306)/
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: all run build frontend test test-go test-frontend test-e2e fuzz lint fmt clean bench galera-test galera-load load peak soak soak-sqlite crash-import

all: build

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend: frontend/node_modules/.installed
	cd frontend && npm run build

build: frontend
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/storeops

## run: build, migrate, seed the demo chain on first start and serve on 127.0.0.1:8080
run: build
	STOREOPS_SEED_DEMO=true ./$(BIN) serve

## test: Go tests on SQLite and MariaDB, front-end unit tests, browser tests
test: test-go test-frontend test-e2e

# MariaDB tests run when STOREOPS_TEST_MYSQL_DSN is set or a server answers on 127.0.0.1:3306;
# each test creates its own database and drops it afterwards.
test-go: frontend
	@if [ -z "$$STOREOPS_TEST_MYSQL_DSN" ] && (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null; then \
		export STOREOPS_TEST_MYSQL_DSN='$(MYSQL_TEST_DSN)'; \
	fi; \
	if [ -n "$$STOREOPS_TEST_MYSQL_DSN" ]; then \
		echo "==> Go tests on SQLite and MariaDB/MySQL"; \
	else \
		echo "==> Go tests on SQLite only: SKIPPING MariaDB, nothing answers on 127.0.0.1:3306"; \
	fi; \
	$(GO) test -count=1 ./...

test-frontend: frontend/node_modules/.installed
	cd frontend && npm run test:unit

# Browser tests drive Debian's chromium against the real binary.
test-e2e: build
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ -n "$$CI" ]; then echo "chromium is required in CI"; exit 1; fi; \
		echo "==> SKIPPING browser tests: /usr/bin/chromium is missing (apt-get install chromium fonts-wqy-microhei)"; \
	else \
		cd frontend && STOREOPS_BIN=$(CURDIR)/$(BIN) npm run test:e2e; \
	fi

# fuzz runs each fuzz target for FUZZTIME on top of its committed corpus (testdata/fuzz/):
# the request decoders (JSON bodies, CSV/JSON uploads), the decimal parser and the text rule.
FUZZTIME ?= 10s
FUZZ_TARGETS = ./internal/platform/httpx:FuzzDecode ./internal/platform/upload:FuzzRead \
	./internal/platform/fixed:FuzzParseDecimal ./internal/platform/text:FuzzProblem
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		echo "==> fuzz $${t#*:} for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$${t#*:}$$" -fuzztime $(FUZZTIME) "$${t%%:*}" || \
		{ echo "==> again: a failure the fuzzer found is kept in testdata/fuzz and fails again; an engine stall does not"; \
		$(GO) test -run '^$$' -fuzz "^$${t#*:}$$" -fuzztime $(FUZZTIME) "$${t%%:*}" || exit 1; }; \
	done

## galera-test: start a 3-node Galera cluster on 127.0.0.1 (deploy/galera/cluster.sh, ports 4306-4308
## and 4567-4589) in a temporary directory, run the Galera tests on it, measure a node's kill and
## restart (deploy/galera/measure.sh), stop it. Not part of `make test` (about 2 minutes).
# MEASURE_STANDALONE="-h127.0.0.1 -P3306 -uroot" also times single-row commits on a standalone server.
MEASURE_STANDALONE ?=
GALERA_DSNS := root@tcp(127.0.0.1:4306)/,root@tcp(127.0.0.1:4307)/,root@tcp(127.0.0.1:4308)/
# TEMP_CLUSTER starts a 3-node cluster in a new directory $$dir, stopped and removed when the
# recipe's shell exits (also on failure).
TEMP_CLUSTER = dir=$$(mktemp -d /tmp/storeops-galera.XXXXXX); chmod 755 "$$dir"; \
	trap 'deploy/galera/cluster.sh stop "'"$$dir"'"; rm -rf "'"$$dir"'"' EXIT; \
	deploy/galera/cluster.sh init "$$dir"; \
	deploy/galera/cluster.sh start "$$dir"
galera-test:
	@set -e; t0=$$(date +%s); $(TEMP_CLUSTER); \
	STOREOPS_GALERA_DSNS='$(GALERA_DSNS)' $(GO) test -count=1 -run '^TestGalera$$' -v ./internal/app/; \
	MEASURE_STANDALONE='$(MEASURE_STANDALONE)' deploy/galera/measure.sh "$$dir"; \
	echo "==> galera-test took $$(( $$(date +%s) - t0 )) s"

## bench: chain-scale benchmarks against the local MariaDB (see README.md)
bench: build
	$(GO) build -o bin/storeops-bench ./cmd/storeops-bench
	./bin/storeops-bench -bin $(BIN) $(BENCH_FLAGS)

## load: REPLICAS replicas (default 2) on a fresh MariaDB database behind storeops-proxy, the mixed
## load for DURATION (60s) at RATE req/s (40); DB=sqlite REPLICAS=1 for the single machine.
## peak: the same set-up, the rate stepped up until p99 > P99_MAX (250ms) or an error.
## soak: SOAK_MINUTES (10) at 70 % of the peak, RSS sampled: zero 5xx, p99 stable, RSS flat.
## Not part of `make test` (minutes each); see README.md, "Load and faults".
LOAD_DB ?= mysql
LOAD_REPLICAS ?= 2
load:
	DB=$${DB:-$(LOAD_DB)} REPLICAS=$${REPLICAS:-$(LOAD_REPLICAS)} deploy/load/load.sh
peak:
	MODE=peak DB=$${DB:-$(LOAD_DB)} REPLICAS=$${REPLICAS:-$(LOAD_REPLICAS)} deploy/load/load.sh
soak:
	MODE=soak DB=$${DB:-$(LOAD_DB)} REPLICAS=$${REPLICAS:-$(LOAD_REPLICAS)} deploy/load/load.sh
soak-sqlite:
	MODE=soak DB=sqlite REPLICAS=1 deploy/load/load.sh

## galera-load: a temporary 3-node Galera cluster (as galera-test) with 3 replicas on it behind
## storeops-proxy, each preferring its own node: the peak and DURATION at RATE (MODE=figures), then
## kill -9 node 3 under load and restart it (MODE=nodekill): nothing acknowledged lost, nobody
## signed out, the recovery time. Not part of `make test` (about 5 minutes).
galera-load:
	@set -e; $(TEMP_CLUSTER); \
	MODE=figures PEAK_FROM=10 RATE=$${RATE:-30} DB=galera GALERA_DIR="$$dir" REPLICAS=$${REPLICAS:-3} deploy/load/load.sh; \
	MODE=nodekill RATE=$${RATE:-30} DB=galera GALERA_DIR="$$dir" REPLICAS=$${REPLICAS:-3} deploy/load/load.sh

## crash-import: SIGKILL the server in the middle of a 100,000-line sales upload, restart: all or
## nothing, `storeops check` passes; on SQLite and on the MariaDB of STOREOPS_TEST_MYSQL_DSN
## (default the local one; set it empty for SQLite only).
crash-import:
	STOREOPS_TEST_MYSQL_DSN="$${STOREOPS_TEST_MYSQL_DSN-$(MYSQL_TEST_DSN)}" STOREOPS_TEST_CRASH=1 \
		$(GO) test -count=1 -v -timeout 30m -run TestKillDuringABigImport ./cmd/storeops

# lint also holds api/openapi.yaml to an external linter (Redocly's recommended rules, see
# redocly.yaml): code generators and other tools must accept the contract, not only our tests.
lint: frontend/node_modules/.installed
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	cd frontend && npm run typecheck
	cd frontend && npm run lint:spec

fmt:
	gofmt -w cmd internal api migrations frontend/embed.go

clean:
	rm -rf bin frontend/node_modules
	find frontend/dist -mindepth 1 ! -name .gitkeep -delete
