#!/usr/bin/env bash
# A PostgreSQL primary and a streaming hot-standby replica on two local ports, for trying and testing read
# routing (ConnectionStrings__AssetRegistryRead). Never touches the shared cluster in .data/pg.
#   scripts/replica.sh create DIR PRIMARY_PORT REPLICA_PORT   primary in DIR/primary, replica in DIR/replica
#   scripts/replica.sh remove DIR                              stops both and deletes DIR
# The replica is a pg_basebackup -R copy of the primary (run as the cluster owner), so it follows the primary's
# WAL and answers read-only queries; databases made on the primary appear on it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pg.sh"

create() {
  local dir="$1" pport="$2" rport="$3"
  cluster_create "$dir/primary" "$pport"
  owned_dir "$dir/replica"
  if [ ! -f "$dir/replica/PG_VERSION" ]; then
    # The password reaches pg_basebackup in its environment, and -R writes it into the replica's primary_conninfo
    # (postgresql.auto.conf, readable by the cluster owner only).
    as_owner env PGPASSWORD="$(cat "$PGPASS_FILE")" "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$pport" -U "$PGUSER_NAME" \
      -D "$dir/replica" -R -X stream -c fast
    as_owner tee -a "$dir/replica/postgresql.auto.conf" >/dev/null <<CONF
port = $rport
unix_socket_directories = ''
hot_standby = on
# The replica tells the primary which rows its queries still read, so vacuum there cannot cancel them.
hot_standby_feedback = on
CONF
  fi
  cluster_start "$dir/replica"
  export PGPASSWORD; PGPASSWORD="$(cat "$PGPASS_FILE")"
  for _ in $(seq 100); do
    [ "$(psql -h 127.0.0.1 -p "$rport" -U "$PGUSER_NAME" -d postgres -Atc "select status from pg_stat_wal_receiver" 2>/dev/null)" = streaming ] && break
    sleep 0.2
  done
  [ "$(psql -h 127.0.0.1 -p "$rport" -U "$PGUSER_NAME" -d postgres -Atc "select pg_is_in_recovery()")" = t ] \
    || { echo "error: the replica on $rport is not in recovery" >&2; exit 1; }
  echo "primary on 127.0.0.1:$pport, streaming replica on 127.0.0.1:$rport"
}

remove() {
  cluster_remove "$1/replica"
  cluster_remove "$1/primary"
  rm -rf "$1"
}

case "${1:-}" in
  create) shift; [ $# = 3 ] || { echo "usage: scripts/replica.sh create DIR PRIMARY_PORT REPLICA_PORT" >&2; exit 2; }; create "$@" ;;
  remove) shift; [ $# = 1 ] || { echo "usage: scripts/replica.sh remove DIR" >&2; exit 2; }; remove "$@" ;;
  *) sed -n '2,8p' "$0"; exit 2 ;;
esac
