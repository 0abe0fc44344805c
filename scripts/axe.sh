#!/usr/bin/env bash
# Make sure axe-core (the npm package, pinned in tests/web/axe/package-lock.json) is installed for
# the accessibility tests, with Debian's nodejs and npm when the machine has none. Prints the path
# of axe.min.js on its last line.
#
#   scripts/axe.sh   -> tests/web/axe/node_modules/axe-core/axe.min.js
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
AXE_DIR="$HERE/tests/web/axe"
AXE="$AXE_DIR/node_modules/axe-core/axe.min.js"

if ! command -v npm >/dev/null 2>&1; then
  echo "installing Debian's nodejs and npm" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends nodejs npm >&2
fi
if [ ! -f "$AXE" ] || [ "$AXE_DIR/package-lock.json" -nt "$AXE" ]; then
  npm ci --prefix "$AXE_DIR" --no-audit --no-fund --loglevel=error >&2
  touch "$AXE"
fi
echo "$AXE"
