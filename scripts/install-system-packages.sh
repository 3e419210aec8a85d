#!/usr/bin/env bash
# Install the pinned Debian packages of debian-packages.txt that are missing.
# Runs apt-get as root (or through sudo); does nothing when all are present.
set -euo pipefail
list="${1:-debian-packages.txt}"
missing=()
while read -r line; do
  line="${line%%#*}"; line="${line// /}"
  [ -z "$line" ] && continue
  name="${line%%=*}"; version="${line#*=}"
  installed=$(dpkg-query -W -f='${Version}' "$name" 2>/dev/null || true)
  [ "$installed" = "$version" ] || missing+=("$line")
done < "$list"
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
