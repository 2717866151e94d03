#!/usr/bin/env bash
# Backs up the registry database to one file (pg_dump custom format: compressed, restorable table by table).
#   scripts/backup.sh FILE                              the database of ConnectionStrings__AssetRegistry if set,
#                                                       else `assetregistry` in the local cluster (.data/pg)
#   scripts/backup.sh --database NAME FILE              NAME in the local cluster
#   scripts/backup.sh --connection "Host=…;Port=…;Database=…;Username=…;Password=…" FILE
# Everything goes in: assets, history, inspections, users, the data-protection keys and Hangfire's schema.
# Restore with scripts/restore.sh into a fresh database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pg.sh"
CONNECTION="${ConnectionStrings__AssetRegistry:-}"
target_options "$0" '2,9' "$@"
[ -n "$FILE" ] || { echo "usage: scripts/backup.sh [--database NAME | --connection CS] FILE" >&2; exit 2; }
if [ -n "$DATABASE" ] || [ -z "$CONNECTION" ]; then
  CONNECTION="$(connection_string "${DATABASE:-assetregistry}")"
fi
use_connection "$CONNECTION"
mkdir -p "$(dirname "$FILE")"
# Written beside the target and renamed at the end, so a failed or interrupted backup never leaves a file that
# looks complete under the name asked for.
"$PGBIN/pg_dump" -Fc -Z 6 -f "$FILE.partial" "$PGDATABASE"
mv "$FILE.partial" "$FILE"
echo "backed up $PGDATABASE at $PGHOST:$PGPORT to $FILE ($(du -h "$FILE" | cut -f1))"
