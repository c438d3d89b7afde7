#!/usr/bin/env bash
# Installs the Debian packages gyqc's demo and tests need, when they are missing.
# Usage: bash scripts/deps.sh [demo|test]   (test also installs the real clients for tests)
set -euo pipefail
want=(fonts-wqy-microhei)
if [ "${1:-test}" = test ]; then
  want+=(libreoffice-calc-nogui python3-openpyxl python3-pandas poppler-utils qpdf fonts-lxgw-wenkai chromium)
else
  want+=(libreoffice-calc-nogui)
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "缺少软件包：${missing[*]}。请用系统的包管理器安装（字体可改用 --font 指定）。" >&2
  exit 0
fi
sudo=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
echo "正在安装：${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
