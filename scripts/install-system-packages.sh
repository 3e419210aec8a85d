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
$sudo apt-get update -qq
# Debian drops a version from its archive when a point release or a security update replaces it (the
# browser's does every few weeks). A pin the archive no longer carries would stop every fresh set-up, so
# that package takes the archive's version instead, named on stderr: bump the pin in the list to it.
for i in "${!missing[@]}"; do
  name="${missing[$i]%%=*}"; version="${missing[$i]#*=}"
  if ! apt-cache madison "$name" | awk -F'|' '{gsub(/ /, "", $2); print $2}' | grep -qxF "$version"; then
    echo "warning: Debian no longer carries $name=$version ($list); installing its current $name instead" >&2
    missing[$i]="$name"
  fi
done
echo "installing Debian packages: ${missing[*]}"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
