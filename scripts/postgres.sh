#!/usr/bin/env bash
# Makes sure a local PostgreSQL runs and has a role that may create the test database.
set -euo pipefail
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "Installing PostgreSQL"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || $SUDO pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres bash -c "$1"; fi; }
as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='alsmove'\"" | grep -q 1 ||
  as_postgres "psql -qc \"CREATE ROLE alsmove LOGIN CREATEDB PASSWORD 'alsmove'\""
as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='alsmove'\"" | grep -q 1 ||
  as_postgres "createdb -O alsmove alsmove"
