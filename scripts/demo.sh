#!/usr/bin/env bash
# Runs gyqc's main job end to end on a fresh machine: installs a Chinese font where missing,
# builds gyqc and runs the demo in ./demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh demo
go build -o gyqc ./cmd/gyqc
./gyqc plan
./gyqc units
