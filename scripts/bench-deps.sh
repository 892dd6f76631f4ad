#!/usr/bin/env bash
# Installs Debian's wrk (the load generator `make bench` uses), only when it is missing.
set -euo pipefail
if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing Debian package: wrk"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
