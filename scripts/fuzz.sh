#!/bin/sh
# Runs every fuzz target of the module (every `func FuzzXxx(f *testing.F)` in
# a _test.go file) for FUZZTIME each (first argument or $FUZZTIME; default
# 60s), one after another, and fails on the first finding. A finding is
# saved by Go under the package's testdata/fuzz/FuzzXxx/ and replays in the
# normal tests from then on; commit it with the fix.
#
#   ./scripts/fuzz.sh          # a minute each
#   ./scripts/fuzz.sh 10s      # a quick pass
#   make fuzz FUZZTIME=5m
set -eu

fuzztime="${1:-${FUZZTIME:-60s}}"
cd "$(dirname "$0")/.."

# package-dir<TAB>target lines, sorted, from tracked and untracked test files
# (node_modules and testdata excluded, as the go tool does).
targets=$(grep -rE --include='*_test.go' -o '^func Fuzz[A-Za-z0-9_]+\(f \*testing\.F\)' . \
	| grep -v -e '/node_modules/' -e '/testdata/' \
	| sed -E 's|^\./(.*)/[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]+)\(.*|\1	\2|; s|^\./[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]+)\(.*|.	\1|' \
	| sort -u)

if [ -z "$targets" ]; then
	echo "fuzz.sh: no fuzz targets found" >&2
	exit 1
fi

n=$(printf '%s\n' "$targets" | wc -l)
echo "fuzz.sh: $n targets, $fuzztime each"
failed=0
printf '%s\n' "$targets" | while IFS='	' read -r dir target; do
	echo "== ./$dir $target"
	# Minimising a new corpus entry may take a minute by default, during
	# which nothing else is tried (the log shows 0 execs/sec): 5s is plenty
	# for inputs that build a whole workbook.
	if ! go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" -fuzzminimizetime=5s "./$dir"; then
		echo "fuzz.sh: $target in ./$dir FAILED; the input is under ./$dir/testdata/fuzz/$target/" >&2
		exit 1
	fi
done || failed=1
if [ "$failed" -ne 0 ]; then
	exit 1
fi
echo "fuzz.sh: all $n targets ran $fuzztime without a finding"
