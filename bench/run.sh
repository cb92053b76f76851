#!/usr/bin/env bash
# bench/run.sh (run by `make bench`, after `make build`): generates deal and
# activity workbooks of each size (bench/gen, deterministic), then times on
# the same files
#   - salesreview's whole build (read, review, render, write the site),
#   - SheetJS (npm "xlsx", installed into bench/node_modules) merely reading them,
#   - pandas + openpyxl (Debian's python3-pandas, python3-openpyxl) merely reading them,
# each several times with /usr/bin/time -v, and writes the medians of wall
# time, CPU time and peak memory (maximum resident set size), the rows each
# tool returned, the commands and the machine into docs/bench.md.
#
# Environment:
#   BENCH_SIZES       rows per workbook, space separated (default "10000 100000 1000000")
#   BENCH_RUNS        timed runs per command (default 3; the median is reported)
#   BENCH_SLOW_RUNS   runs of SheetJS and pandas at sizes of 500,000 rows and more
#                     (default 1: pandas needs minutes there)
#   BENCH_OUT         where generated files, sites and logs go (default bench/out)
#   BENCH_DOC         the table to write (default docs/bench.md)
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${BENCH_SIZES:-"10000 100000 1000000"}
RUNS=${BENCH_RUNS:-3}
SLOW_RUNS=${BENCH_SLOW_RUNS:-1}
OUT=${BENCH_OUT:-bench/out}
DOC=${BENCH_DOC:-docs/bench.md}
BIN=./salesreview
TIME=/usr/bin/time
LIMIT=900 # seconds one command may take

PY=python3
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import pandas, openpyxl' 2>/dev/null; then
	PY=/usr/bin/python3
fi

[ -x "$BIN" ] || { echo "bench: $BIN not found; run make build first" >&2; exit 2; }
[ -x "$TIME" ] || { echo "bench: $TIME (GNU time) is needed for peak memory" >&2; exit 2; }
mkdir -p "$OUT/data" "$OUT/logs" "$(dirname "$DOC")"

echo "bench: installing SheetJS into bench/node_modules" >&2
(cd bench && npm ci --no-audit --no-fund --silent)
HAVE_PANDAS=yes
$PY -c 'import pandas, openpyxl' 2>/dev/null || HAVE_PANDAS=no

go build -o "$OUT/gen" ./bench/gen

results="$OUT/results.tsv"
: >"$results"

# median prints the median of the numbers on stdin (upper middle when even).
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int(NR / 2) + 1] }'; }

# wallsecs converts GNU time's "h:mm:ss" or "m:ss.ss" to seconds.
wallsecs() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f\n", s }'; }

# measure LABEL SIZE RUNS ROWS-FUNCTION COMMAND...: times COMMAND RUNS times
# (after one untimed warm-up run) and appends a line to $results.
measure() {
	local label=$1 size=$2 runs=$3 rowsfn=$4
	shift 4
	local log="$OUT/logs/$label-$size" walls="" cpus="" rsss="" status=0 i rows
	echo "bench: $label, $size rows: $* ($runs runs)" >&2
	for ((i = 0; i <= runs; i++)); do
		status=0
		timeout "$LIMIT" "$TIME" -v -o "$log.time" "$@" >"$log.out" 2>&1 || status=$?
		if [ "$status" -ne 0 ]; then
			break
		fi
		[ "$i" -eq 0 ] && [ "$runs" -gt 1 ] && continue # warm-up
		walls+="$(grep 'Elapsed (wall clock)' "$log.time" | awk '{ print $NF }' | wallsecs) "
		cpus+="$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$log.time") "
		rsss+="$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log.time") "
	done
	rows=$($rowsfn "$log.out")
	if [ "$status" -ne 0 ]; then
		printf '%s\t%s\tfailed (exit %s)\t-\t-\t%s\t%s\n' "$label" "$size" "$status" "$rows" "$*" >>"$results"
		return
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$size" \
		"$(tr ' ' '\n' <<<"$walls" | grep . | median)" \
		"$(tr ' ' '\n' <<<"$cpus" | grep . | median)" \
		"$(tr ' ' '\n' <<<"$rsss" | grep . | median)" \
		"$rows" "$*" >>"$results"
}

# commas writes 1000000 as 1,000,000.
commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }

# Rows each tool says it returned (data rows of both workbooks together).
rows_salesreview() { grep -o '([0-9,]* deals, [0-9,]* activities)' "$1" | tr -d '(),' | awk '{ print $1 + $3 }' | tail -1 | grep . || echo "?"; }
rows_total() { awk '/^total / { print $2 }' "$1" | tail -1 | grep . || echo "?"; }

for n in $SIZES; do
	deals="$OUT/data/deals-$n.xlsx"
	acts="$OUT/data/activities-$n.xlsx"
	if [ ! -f "$deals" ] || [ ! -f "$acts" ]; then
		echo "bench: generating $n-row workbooks" >&2
		"$OUT/gen" -rows "$n" -out "$OUT/data" >/dev/null
	fi
	slow=$RUNS
	[ "$n" -ge 500000 ] && slow=$SLOW_RUNS
	rm -rf "$OUT/site-$n"
	measure salesreview "$n" "$RUNS" rows_salesreview "$BIN" build "$deals" "$acts" -o "$OUT/site-$n" --force
	measure sheetjs "$n" "$slow" rows_total node bench/sheetjs-read.js "$deals" "$acts"
	if [ "$HAVE_PANDAS" = yes ]; then
		measure pandas "$n" "$slow" rows_total "$PY" bench/pandas-read.py "$deals" "$acts"
	fi
done

# The read stage alone, this package's reader against excelize's (Go
# benchmarks; -short leaves out excelize at 1M rows, about two minutes).
echo "bench: go test -bench Rows (read stage)" >&2
gobench=$(SALESREVIEW_BENCHDATA="$(cd "$OUT/data" && pwd)" go test -run '^$' -bench 'Rows' -benchmem -benchtime 1x -short ./report/source/sheetxml/ 2>&1 | grep -E '^(Benchmark|cpu:)' || true)

# Each stage of salesreview's build in process (read, review, render), and
# the whole build, on the same files (Go benchmarks, one run each).
echo "bench: go test -bench 'Stages|Build' (stages)" >&2
stagebench=$(SALESREVIEW_BENCHDATA="$(cd "$OUT/data" && pwd)" go test -run '^$' -bench "^(BenchmarkStages|BenchmarkBuild)\$" -benchmem -benchtime 3x ./bench/ 2>&1 | grep -E '^(Benchmark|cpu:)' || true)

# The machine and the tools.
cpumodel=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
load=$(cut -d' ' -f1-3 /proc/loadavg)
sheetjs=$(node -p 'require("./bench/node_modules/xlsx/package.json").version' 2>/dev/null || echo "?")
pandasv=$($PY -c 'import pandas, openpyxl; print(pandas.__version__, "/ openpyxl", openpyxl.__version__)' 2>/dev/null || echo "not installed")

{
	echo "# Benchmarks: salesreview's whole build against other tools merely reading"
	echo
	echo "Written by \`make bench\` (bench/run.sh); do not edit by hand. Each tool gets the same two"
	echo "generated workbooks per size (\`go run ./bench/gen -rows N\`: a 9-column deal sheet and a"
	echo "5-column activity sheet of N data rows each, every text cell in the shared-string table as"
	echo "Excel saves it). salesreview reads both, computes the review and writes the whole site;"
	echo "SheetJS and pandas only read both into memory. Figures are medians of $RUNS timed runs after"
	echo "one warm-up (at 500,000 rows and more, SheetJS and pandas run $SLOW_RUNS time(s)), measured"
	echo "with \`/usr/bin/time -v\`: wall time, CPU time (user + system) and peak memory (maximum"
	echo "resident set size). **rows** is what each tool reported it returned (deals + activities):"
	echo "a tool that returns fewer rows than it was given has not read the file."
	echo
	echo "| rows per workbook | tool | wall (s) | CPU (s) | peak memory (MiB) | rows returned |"
	echo "| ---: | --- | ---: | ---: | ---: | ---: |"
	while IFS=$'\t' read -r label size wall cpu rss rows cmd; do
		printf '| %s | %s | %s | %s | %s | %s |\n' "$(commas "$size")" "$label" "$wall" "$cpu" "$rss" "$(commas "$rows")"
	done <"$results"
	echo
	echo "## salesreview's stages"
	echo
	echo "Each stage of the build in process on the same workbooks (\`go test -bench 'Stages|Build' -benchmem ./bench/\`,"
	echo "the mean of 3 runs each): read (both workbooks into records), review (every metric), render (the whole"
	echo "site in memory), and the whole build with the writing of the site. peak-heap-MiB is the live Go"
	echo "heap at its highest sampled point during the build."
	echo
	echo '```'
	echo "$stagebench"
	echo '```'
	echo
	echo "## The read stage alone"
	echo
	echo "Reading every cell of the deal sheet (9 columns, shared strings) with salesreview's reader"
	echo "(report/source/sheetxml) and with excelize's streaming reader and raw values, one run each:"
	echo
	echo '```'
	echo "$gobench"
	echo '```'
	echo
	echo "## Commands"
	echo
	echo '```'
	cut -f1,2,7 "$results" | awk -F'\t' '{ printf "%-12s %8s  %s\n", $1, $2, $3 }'
	echo '```'
	echo
	echo "## Machine"
	echo
	echo "- processors: $(nproc) ($cpumodel)"
	echo "- memory: $mem"
	echo "- load average when the run ended: $load (other work on the machine makes wall times noisy)"
	echo "- $(go version | cut -d' ' -f3-4), node $(node --version), SheetJS $sheetjs, pandas $pandasv"
	echo
	echo "Reproduce: \`make build && BENCH_SIZES=\"$SIZES\" BENCH_RUNS=$RUNS make bench\`."
	echo "Per-stage Go benchmarks: \`go test -run '^\$' -bench . -benchmem ./bench/ ./report/source/sheetxml/\`."
} >"$DOC"
echo "bench: wrote $DOC" >&2
cat "$DOC"
