#!/usr/bin/env bash
# Installs the Debian packages gyqc's demo and tests need, when they are missing.
# Usage: bash scripts/deps.sh [demo|test]   (test also installs the real clients for tests)
# Fonts: 文泉驿微米黑 is enough to draw every character; the free stand-ins for the faces
# official documents use (楷体: 霞鹜文楷, AR PL UKai; 宋体: AR PL UMing; 黑体: 文泉驿正黑)
# give the briefing its hierarchy of type where 仿宋, 黑体 and 楷体 themselves are missing.
set -euo pipefail
want=(fonts-wqy-microhei fonts-wqy-zenhei fonts-arphic-ukai fonts-arphic-uming fonts-lxgw-wenkai)
if [ "${1:-test}" = test ]; then
  want+=(libreoffice-calc-nogui libreoffice-writer-nogui python3-openpyxl python3-pandas python3-docx poppler-utils qpdf chromium qemu-user)
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
