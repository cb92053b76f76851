# salesreview: the two commands are `make demo` (build the sample review into
# site/) and `make test` (every test, including the browser test).

GO        ?= go
BIN       := salesreview
STATICCHECK_VERSION := v0.8.2

.PHONY: all demo test build dist licenses update-echarts vet staticcheck fuzz bench sample clean

all: build

# ECharts is committed: templates/assets/echarts.min.js (with its LICENSE and
# NOTICE, and the licences of what it bundles, beside it) is embedded into the
# binary, and its SHA-256 is recorded in echarts.min.js.sha256, which
# TestEChartsPinned checks. To move to another release (npm is needed for
# this only), then `make licenses`:
#     make update-echarts ECHARTS_VERSION=5.6.0    # or 5: the newest 5.x
ECHARTS_VERSION ?= 5
update-echarts:
	./scripts/update-echarts.sh $(ECHARTS_VERSION)

# THIRD_PARTY_LICENSES.md: the licence of every piece of third-party code in
# the binary (ECharts, the Go standard library, each linked module); a test
# fails when it is stale.
licenses:
	$(GO) run ./scripts/licenses > THIRD_PARTY_LICENSES.md.tmp
	mv THIRD_PARTY_LICENSES.md.tmp THIRD_PARTY_LICENSES.md

# The version `salesreview version` prints: the git tag (v0.1.0), or the git
# description of a later commit (v0.1.0-3-gc6e95f2, "-dirty" with uncommitted
# changes), and the commit. Both are set at link time, so they do not depend
# on Go's VCS stamping (which git worktrees and GOFLAGS=-buildvcs=false
# turn off).
VERSION   ?= $(shell git describe --tags --dirty --match 'v[0-9]*' 2>/dev/null || echo devel)
COMMIT    ?= $(shell c=$$(git rev-parse --short=12 HEAD 2>/dev/null) && { git diff --quiet HEAD -- || c=$$c-dirty; } && echo $$c)
PKG       := github.com/salesreview/salesreview/report/cli
# A static (CGO_ENABLED=0), reproducible binary: no file paths (-trimpath),
# no VCS stamp or build id, so the same commit and Go release give the same
# bytes on any machine; -s -w leave out the symbol table and DWARF.
BUILDFLAGS := -trimpath -buildvcs=false
LDFLAGS   := -s -w -buildid= -X $(PKG).Version=$(VERSION) -X $(PKG).Commit=$(COMMIT)

build:
	CGO_ENABLED=0 $(GO) build $(BUILDFLAGS) -ldflags "$(LDFLAGS)" -o $(BIN) .

demo: build
	./$(BIN) build -c sample/salesreview.yaml -o site --force
	@echo
	@echo "The sample review is in site/. Open it in a browser (file:// works):"
	@echo "    file://$(CURDIR)/site/index.html"
	@echo "or preview it with live reload:  ./$(BIN) serve -c sample/salesreview.yaml  (then http://127.0.0.1:8080/)"

vet:
	$(GO) vet ./...

staticcheck:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

test: vet staticcheck
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path '*/node_modules/*'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) test -count=1 ./...

# Each fuzz target runs FUZZTIME (default one minute).
FUZZTIME ?= 60s
fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

# Benchmarks of each stage and the comparison with other readers; writes docs/bench.md.
bench: build
	./bench/run.sh

# Regenerate the sample workbooks from the seeded generator.
sample:
	$(GO) run ./sample/generate

# Release archives in dist/: a tar.gz per platform (zip for Windows) with the
# binary, README.md, LICENSE, NOTICE and THIRD_PARTY_LICENSES.md, and
# SHA256SUMS. The version is the git tag (see VERSION); every entry carries the
# commit's time, so two runs give the same bytes (scripts/release-check.sh).
DIST_PLATFORMS := linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64 windows-arm64
DIST_DOCS      := README.md LICENSE NOTICE THIRD_PARTY_LICENSES.md
DIST_MTIME     ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
dist:
	rm -rf dist
	set -e; for p in $(DIST_PLATFORMS); do \
		os=$${p%-*}; arch=$${p#*-}; exe=salesreview; [ $$os = windows ] && exe=salesreview.exe; \
		echo "dist: $(VERSION) $$os/$$arch"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch GOAMD64=v1 GOARM64=v8.0 \
			$(GO) build $(BUILDFLAGS) -ldflags "$(LDFLAGS)" -o dist/bin/$$p/$$exe . ; \
	done
	$(GO) run ./scripts/dist -version $(VERSION) -mtime $(DIST_MTIME) -bin dist/bin -out dist $(DIST_DOCS)
	rm -rf dist/bin

clean:
	rm -rf $(BIN) site dist
