#!/usr/bin/env bash
# Makes sure the benchmark's PostgreSQL database exists (owned by the alsmove role); the
# benchmark empties it and fills it with generated data on every run.
set -euo pipefail
url="$1"
name="${url##*/}"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres bash -c "$1"; fi; }
as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='$name'\"" | grep -q 1 ||
  as_postgres "createdb -O alsmove $name"
