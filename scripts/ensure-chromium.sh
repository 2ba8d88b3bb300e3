#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (playwright-core never downloads a browser here), so
# `npm test` runs this first: on a fresh machine it installs Chromium, and it stays silent when
# Chromium is already there. Idempotent; CHROMIUM_PATH names another binary.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ -n "${CHROMIUM_PATH:-}" ]; then
  # An explicit path that does not exist is a mistake to report, not something apt can fix.
  echo "ensure-chromium: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing Debian's chromium for the browser tests (apt-get, once)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
  if [ -x "$CHROMIUM" ]; then
    exit 0
  fi
  echo "ensure-chromium: apt-get installed chromium but $CHROMIUM is missing" >&2
  exit 1
fi

cat >&2 <<MSG
ensure-chromium: the browser tests need Chromium at $CHROMIUM and this script can only install it
as root with apt-get. Install it yourself, then run npm test again:
  sudo apt-get update && sudo apt-get install -y chromium      # Debian/Ubuntu
or point CHROMIUM_PATH at an installed Chromium or Chrome (e.g. CHROMIUM_PATH=/usr/bin/google-chrome).
MSG
exit 1
