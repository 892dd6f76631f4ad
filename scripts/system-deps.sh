#!/usr/bin/env bash
# Installs the Debian packages ALS Move needs, only those that are missing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
# pg_dump and pg_restore, for `alsmove backup` and `restore` on PostgreSQL.
# msgfmt, for compiling the translation catalogues (manage.py compilemessages).
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
command -v pg_dump >/dev/null 2>&1 || need+=(postgresql-client)
for lib in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
  dpkg -s "$lib" >/dev/null 2>&1 || need+=("$lib")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
