#!/usr/bin/env bash
# Runs the release binaries scripts/build.sh wrote for ARM64 and LoongArch (信创 machines) on
# this machine under qemu-user: each issues a month's templates into a folder named in Chinese
# with spaces and consolidates it, with its own workspace (SQLite), as an office would.
# Usage: bash scripts/smoke.sh DIST   (skipped with a note when qemu-user is not installed)
set -euo pipefail
dist="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for pair in linux-arm64:qemu-aarch64 linux-loong64:qemu-loongarch64; do
  target="${pair%%:*}" qemu="${pair##*:}"
  bin=$(ls "$dist"/gyqc-*-"$target" 2>/dev/null | head -1)
  [ -n "$bin" ] || { echo "smoke: no $target binary in $dist" >&2; exit 1; }
  if ! command -v "$qemu" >/dev/null 2>&1; then
    echo "smoke: $qemu not installed, $target binary not run (apt-get install qemu-user)" >&2
    continue
  fi
  dir="$work/工业强城 $target"
  run() { local out; out=$("$qemu" "$bin" -w "$dir/工作 区" "$@" 2>&1) || { echo "$out" >&2; return 1; }; }
  "$qemu" "$bin" --version
  run issue --period 2025-06 --out "$dir/下发 模板"
  run consolidate --period 2025-06 --out "$dir/汇总 表.xlsx"
  [ -s "$dir/汇总 表.xlsx" ] && [ "$(ls "$dir/下发 模板" | grep -c '\.xlsx$')" -eq 36 ]
  echo "smoke: $target issues 36 templates and consolidates under $qemu" >&2
done
