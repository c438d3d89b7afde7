#!/usr/bin/env bash
# Builds the release binaries of gyqc for the machines offices use, with their SHA-256 sums:
#   windows/amd64  Windows 10/11 PCs of the offices and units
#   linux/amd64    ordinary Linux servers and PCs
#   linux/arm64    信创 machines on 鲲鹏 and 飞腾 CPUs (统信UOS, 麒麟)
#   linux/loong64  信创 machines on 龙芯 CPUs (3A5000/3A6000, 统信UOS, 麒麟)
#   darwin/arm64   Macs with Apple silicon
# Usage: bash scripts/build.sh [output folder, default dist/]
# The binaries are static (CGO_ENABLED=0: the SQLite driver is pure Go), need nothing else
# installed, and are built with -trimpath, so the same source gives the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist}"
version="$(git describe --tags --always --dirty 2>/dev/null || echo dev)"
targets=(windows/amd64 linux/amd64 linux/arm64 linux/loong64 darwin/arm64)
mkdir -p "$out"
rm -f "$out"/gyqc-* "$out"/SHA256SUMS
for t in "${targets[@]}"; do
  goos="${t%/*}" goarch="${t#*/}"
  name="gyqc-$version-$goos-$goarch"
  [ "$goos" = windows ] && name="$name.exe"
  echo "构建 $name" >&2
  CGO_ENABLED=0 GOOS="$goos" GOARCH="$goarch" \
    go build -trimpath -ldflags "-s -w -X main.version=$version" -o "$out/$name" ./cmd/gyqc
done
(cd "$out" && sha256sum gyqc-* > SHA256SUMS && sha256sum -c --quiet SHA256SUMS)
echo "已写出 $out/ 中的 ${#targets[@]} 个程序和校验和 $out/SHA256SUMS" >&2
