#!/usr/bin/env bash
# Runs every native Go fuzz target of gyqc, one after another, each for FUZZTIME (default
# 20s), without minimising what it finds (FUZZMINIMIZETIME, default 0s). With Go's default
# (up to 60 s of minimisation for every new interesting input) the targets that read whole
# workbooks manage a few dozen executions a minute; with 0s they manage thousands a second.
# A crashing input is then written as found, unminimised.
#
#   bash scripts/fuzz.sh                       # every target, 20 s each (what CI runs)
#   FUZZTIME=10m bash scripts/fuzz.sh          # longer
#   bash scripts/fuzz.sh FuzzExamine           # the targets whose name matches
#
# A failure stops the script with the failing input written under the package's
# testdata/fuzz/<Target>/, where `go test` replays it from then on. Go 1.26's fuzzing
# coordinator sometimes reports "context deadline exceeded" at the end of -fuzztime with no
# failing input (go.dev/issue/75804, fixed in Go 1.27): that is reported and not counted
# as a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-20s}
minimize=${FUZZMINIMIZETIME:-0s}
filter=${1:-.}
found=0
flaked=0
count() { { find "$1" -type f 2>/dev/null || true; } | wc -l; }
while IFS=: read -r file name; do
	pkg="./$(dirname "$file")"
	name=${name#func }
	name=${name%%(*}
	[[ "$name" =~ $filter ]] || continue
	found=$((found + 1))
	corpus="$pkg/testdata/fuzz/$name"
	before=$(count "$corpus")
	log=$(mktemp)
	if go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" >"$log" 2>&1; then
		echo "ok    $pkg $name: $(grep -E '^fuzz: elapsed' "$log" | tail -n 1 | sed -E 's/^fuzz: //')"
	elif [[ $(count "$corpus") -eq $before ]] && grep -q 'context deadline exceeded' "$log"; then
		flaked=$((flaked + 1))
		echo "ok    $pkg $name: $(grep -E '^fuzz: elapsed' "$log" | tail -n 1 | sed -E 's/^fuzz: //') (stopped with go.dev/issue/75804, no failing input)"
	else
		cat "$log"
		rm -f "$log"
		echo "fuzz target $name of $pkg failed (the input is under $corpus)" >&2
		exit 1
	fi
	rm -f "$log"
done < <(grep -rn --include='*_test.go' -e '^func Fuzz[A-Za-z0-9_]*(' . | sed -E 's/^\.\/([^:]*):[0-9]+:(func Fuzz[A-Za-z0-9_]*)\(.*/\1:\2(/' | sort)
if [[ $found -eq 0 ]]; then
	echo "no fuzz target matches $filter" >&2
	exit 1
fi
echo "$found fuzz targets ran for $fuzztime each ($flaked stopped by the coordinator's deadline race)."
