#!/usr/bin/env bash
# The browser tests drive Debian's chromium through Debian's chromedriver (never a browser a test tool downloads).
# Installs both with apt-get when either is missing, with a Chinese font so screenshots of Chinese text are readable;
# does nothing when all are there. Needs root (or sudo).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
    && { ! command -v fc-list >/dev/null 2>&1 || [ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; }; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "ensure-chromium: chromium and chromedriver are missing and this user cannot run apt-get; install the Debian packages chromium and chromium-driver" >&2
    exit 1
  fi
fi
echo "ensure-chromium: installing Debian's chromium, chromium-driver and a Chinese font for the browser tests" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -qq update >/dev/null || echo "ensure-chromium: apt-get update failed; trying with the package lists this machine has" >&2
$SUDO apt-get -qq install -y --no-install-recommends chromium chromium-driver fonts-wqy-zenhei >/dev/null
command -v chromedriver >/dev/null
