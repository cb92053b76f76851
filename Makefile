# salesreview: the two commands are `make demo` (build the sample review into
# site/) and `make test` (every test, including the browser test).

GO        ?= go
BIN       := salesreview
ECHARTS   := templates/assets/echarts.min.js
STATICCHECK_VERSION := v0.8.2

.PHONY: all demo test build assets vet staticcheck fuzz bench sample clean

all: build

# ECharts comes from the npm registry, pinned by package-lock.json, and is
# embedded into the binary from templates/assets/.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

$(ECHARTS): node_modules/.package-lock.json
	cp node_modules/echarts/dist/echarts.min.js $@

assets: $(ECHARTS)

# The version `salesreview version` prints: the git description of the checkout.
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS   := -X github.com/salesreview/salesreview/report/cli.Version=$(VERSION)

build: assets
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

test: assets vet staticcheck
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './node_modules/*'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) test -count=1 ./...

# Each fuzz target runs FUZZTIME (default one minute).
FUZZTIME ?= 60s
fuzz: assets
	./scripts/fuzz.sh $(FUZZTIME)

# Benchmarks of each stage and the comparison with other readers; writes docs/bench.md.
bench: build
	./bench/run.sh

# Regenerate the sample workbooks from the seeded generator.
sample:
	$(GO) run ./sample/generate

clean:
	rm -rf $(BIN) site
