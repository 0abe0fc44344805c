#!/usr/bin/env bash
# Make sure Debian's `chromium` package is installed, for the web UI's end-to-end tests
# (Playwright drives it; it never downloads a browser of its own). Prints the path of the
# browser on its last line. A font comes along (DejaVu), so that pages and screenshots show text on
# a machine that has none.
#
#   scripts/chromium.sh   -> /usr/bin/chromium
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ ! -x "$CHROMIUM" ]; then
  echo "installing Debian's chromium package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
fi
echo "$CHROMIUM"
