#!/usr/bin/env bash
# Runs gyqc's whole test suite on a fresh machine: installs what the tests need, then vets
# and tests every package, then runs each fuzz target for 20 seconds. This is the test command README.md gives and CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh test
go vet ./...
go test -count=1 -timeout 20m ./...
# Every fuzz target for 20 seconds, with minimisation off (see scripts/fuzz.sh).
FUZZTIME=${FUZZTIME:-20s} bash scripts/fuzz.sh
