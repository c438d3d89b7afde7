#!/usr/bin/env bash
# Runs gyqc's main job end to end on a fresh machine: installs a Chinese font (and LibreOffice,
# for the re-saved sample) where missing, builds gyqc, and runs the monthly cycle in ./gyqc-demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh demo
go build -o gyqc ./cmd/gyqc
./gyqc demo --dir gyqc-demo "$@"
