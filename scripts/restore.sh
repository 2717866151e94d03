#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a fresh database (refused if the database exists).
#   scripts/restore.sh FILE --database NAME             a new database NAME in the local cluster (.data/pg)
#   scripts/restore.sh FILE --connection "Host=…;Port=…;Database=NEW;Username=…;Password=…"
# Creates the database with PostGIS and pgRouting first, restores without the original owner or grants (the
# connecting user owns everything), stops at the first error, then analyzes so the planner has statistics.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pg.sh"
CONNECTION=""
target_options "$0" '2,6' "$@"
[ -n "$FILE" ] && { [ -n "$DATABASE" ] || [ -n "$CONNECTION" ]; } \
  || { echo "usage: scripts/restore.sh FILE (--database NAME | --connection CS)" >&2; exit 2; }
[ -s "$FILE" ] || { echo "error: no backup at $FILE" >&2; exit 1; }
[ -n "$CONNECTION" ] || CONNECTION="$(connection_string "$DATABASE")"
use_connection "$CONNECTION"
target="$PGDATABASE"
case "$target" in *\"*) echo "error: a database name with a double quote is not supported" >&2; exit 2 ;; esac
exists=$(psql -d postgres -At -v name="$target" <<< "select 1 from pg_database where datname = :'name'")
if [ "$exists" = 1 ]; then echo "error: database $target exists; restore goes into a fresh database" >&2; exit 1; fi
psql -d postgres -v ON_ERROR_STOP=1 -qc "create database \"$target\"" >/dev/null
psql -d "$target" -v ON_ERROR_STOP=1 -qc "create extension if not exists postgis; create extension if not exists pgrouting" >/dev/null
"$PGBIN/pg_restore" --no-owner --no-acl --exit-on-error -d "$target" "$FILE"
psql -d "$target" -v ON_ERROR_STOP=1 -qc "analyze" >/dev/null
echo "restored $FILE into $target at $PGHOST:$PGPORT"
