#!/usr/bin/env bash
# The e2e tests drive Debian's chromium (Playwright's own browser download cannot be
# reached from this project's machines). Installs it when missing.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
echo "ensure-chromium: $CHROMIUM is missing; installing Debian's chromium with apt-get…" >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: apt-get is not available here. Install Chromium yourself and set CHROMIUM_PATH to its binary." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-chromium: installing needs root (apt-get install -y chromium), and sudo is not available." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2 || { echo "ensure-chromium: apt-get update failed (is the Debian mirror reachable?)" >&2; exit 1; }
$SUDO apt-get install -y -qq chromium >&2 || { echo "ensure-chromium: apt-get install chromium failed" >&2; exit 1; }
[ -x "$CHROMIUM" ] || { echo "ensure-chromium: chromium installed but $CHROMIUM is not there; set CHROMIUM_PATH" >&2; exit 1; }
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)" >&2
