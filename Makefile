# salesreview: the two commands are `make demo` (build the sample review into
# site/) and `make test` (every test, including the browser test).

GO        ?= go
BIN       := salesreview
STATICCHECK_VERSION := v0.8.2

.PHONY: all demo test build update-echarts vet staticcheck fuzz bench sample clean

all: build

# ECharts is committed: templates/assets/echarts.min.js (with its LICENSE and
# NOTICE beside it) is embedded into the binary, and its SHA-256 is recorded in
# echarts.min.js.sha256, which TestEChartsPinned checks. To move to another
# release (npm is needed for this only):
#     make update-echarts ECHARTS_VERSION=5.6.0    # or 5: the newest 5.x
ECHARTS_VERSION ?= 5
update-echarts:
	./scripts/update-echarts.sh $(ECHARTS_VERSION)

# The version `salesreview version` prints: the git description of the checkout.
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS   := -X github.com/salesreview/salesreview/report/cli.Version=$(VERSION)

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

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

clean:
	rm -rf $(BIN) site
