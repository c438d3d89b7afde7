#!/usr/bin/env bash
# Runs gyqc's whole test suite on a fresh machine: installs what the tests need, vets every
# package, cross-compiles the release binaries for the machines offices use (scripts/build.sh:
# Windows, 信创 Linux on ARM64 and LoongArch, macOS) and runs the ARM64 and LoongArch ones
# under qemu-user (scripts/smoke.sh), tests every package, then runs each
# fuzz target for 20 seconds. This is the test command README.md gives and CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh test
go vet ./...
dist="$(mktemp -d)"
trap 'rm -rf "$dist"' EXIT
bash scripts/build.sh "$dist"
bash scripts/smoke.sh "$dist"
go test -count=1 -timeout 20m ./...
# Every fuzz target for 20 seconds, with minimisation off (see scripts/fuzz.sh).
FUZZTIME=${FUZZTIME:-20s} bash scripts/fuzz.sh
