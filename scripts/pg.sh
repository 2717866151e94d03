#!/usr/bin/env bash
# Installs PostgreSQL 15 + PostGIS from Debian when missing and starts a private cluster under .data/pg
# on port ${PGPORT:-55432}. Idempotent: a running cluster is left as it is. Sourced by run.sh, test.sh, bench.sh.
# Also runnable for the throwaway clusters that fault, backup and replica tests use (never the shared one):
#   scripts/pg.sh cluster_create DIR PORT | cluster_start DIR | cluster_stop DIR | cluster_restart DIR | cluster_remove DIR
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGBIN=/usr/lib/postgresql/15/bin
PGPORT="${PGPORT:-55432}"
PGDATA_DIR="$ROOT/.data/pg"
PGSOCK_DIR="$ROOT/.data/sock"
PGUSER_NAME=assetregistry
PGPASS_FILE="$ROOT/.data/pg.password"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_packages() {
  local missing=()
  [ -x "$PGBIN/postgres" ] || missing+=(postgresql-15)
  [ -f /usr/share/postgresql/15/extension/postgis.control ] || missing+=(postgresql-15-postgis-3)
  [ -f /usr/share/postgresql/15/extension/pgrouting.control ] || missing+=(postgresql-15-pgrouting)
  command -v psql >/dev/null || missing+=(postgresql-client-15)
  command -v dotnet >/dev/null || { echo "error: the .NET SDK (dotnet) is not on PATH" >&2; exit 1; }
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # Debian's package may start its own cluster on 5432; ours is separate and does not need it.
}

# ensure_command CMD PACKAGE...: installs the Debian PACKAGEs when CMD is not on PATH.
ensure_command() {
  local cmd="$1"; shift
  if ! command -v "$cmd" >/dev/null; then
    echo "installing: $*"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
  fi
}

# Runs a command as the cluster owner: postgres refuses to run as root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_cluster() {
  mkdir -p "$ROOT/.data"
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$PGDATA_DIR" "$PGSOCK_DIR"
    chown postgres:postgres "$PGDATA_DIR" "$PGSOCK_DIR"
    chmod 700 "$PGDATA_DIR"
    # postgres must be able to traverse to .data
    chmod o+x "$ROOT/.data"
    local d="$ROOT"; while [ "$d" != "/" ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
  else
    mkdir -p "$PGDATA_DIR" "$PGSOCK_DIR"; chmod 700 "$PGDATA_DIR"
  fi
  if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
    echo "initialising PostgreSQL cluster in .data/pg"
    # A random local password, kept out of the repository in .data/ (git-ignored).
    [ -s "$PGPASS_FILE" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$PGPASS_FILE")
    local pwfile; pwfile="$(mktemp)"; cp "$PGPASS_FILE" "$pwfile"; chmod 644 "$pwfile"
    as_owner "$PGBIN/initdb" -D "$PGDATA_DIR" -U "$PGUSER_NAME" --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    cat >> "$PGDATA_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$PGSOCK_DIR'
shared_buffers = 1GB
work_mem = 32MB
maintenance_work_mem = 512MB
max_connections = 200
fsync = on
synchronous_commit = off
max_wal_size = 4GB
jit = off
CONF
  fi
  if ! as_owner "$PGBIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    as_owner "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 60 start >/dev/null
    echo "PostgreSQL running on 127.0.0.1:$PGPORT"
  fi
}

# ensure_database NAME: creates the database with PostGIS when missing.
ensure_database() {
  local db="$1"
  export PGPASSWORD; PGPASSWORD="$(cat "$PGPASS_FILE")"
  local exists
  exists=$(psql -h 127.0.0.1 -p "$PGPORT" -U "$PGUSER_NAME" -d postgres -Atc "select 1 from pg_database where datname='$db'")
  if [ "$exists" != 1 ]; then
    psql -h 127.0.0.1 -p "$PGPORT" -U "$PGUSER_NAME" -d postgres -qc "create database \"$db\"" >/dev/null
  fi
  psql -h 127.0.0.1 -p "$PGPORT" -U "$PGUSER_NAME" -d "$db" -qc "create extension if not exists postgis" >/dev/null
}

connection_string() {
  echo "Host=127.0.0.1;Port=$PGPORT;Database=$1;Username=$PGUSER_NAME;Password=$(cat "$PGPASS_FILE")"
}

# --- Throwaway clusters: a small cluster of its own in DIR on PORT, same user and password as the local one, so a
# test can stop or restart PostgreSQL without touching the cluster everybody else uses.

# ensure_password: the local password file (created with the main cluster; made here when a test runs first).
ensure_password() {
  mkdir -p "$ROOT/.data"
  [ -s "$PGPASS_FILE" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$PGPASS_FILE")
}

# owned_dir DIR: creates DIR (and its parents) so that the cluster owner can use it.
owned_dir() {
  mkdir -p "$1"
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$1"
    local d; d="$(dirname "$1")"; while [ "$d" != "/" ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
  fi
  chmod 700 "$1"
}

# cluster_create DIR PORT: initdb a small cluster in DIR listening on 127.0.0.1:PORT (socket in DIR), then start it.
# Durability is off (fsync): these clusters live for one test class.
cluster_create() {
  local dir="$1" port="$2"
  ensure_password
  owned_dir "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    local pwfile; pwfile="$(mktemp)"; cp "$PGPASS_FILE" "$pwfile"; chmod 644 "$pwfile"
    as_owner "$PGBIN/initdb" -D "$dir" -U "$PGUSER_NAME" --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    as_owner tee -a "$dir/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
shared_buffers = 32MB
max_connections = 60
fsync = off
synchronous_commit = off
full_page_writes = off
jit = off
wal_level = replica
max_wal_senders = 4
max_prepared_transactions = 4
CONF
  fi
  cluster_start "$dir"
}

# cluster_start DIR: starts the cluster in DIR unless it runs (waits until it accepts connections).
cluster_start() {
  if ! as_owner "$PGBIN/pg_ctl" -D "$1" status >/dev/null 2>&1; then
    as_owner "$PGBIN/pg_ctl" -D "$1" -l "$1/server.log" -w -t 60 start >/dev/null
  fi
}

# cluster_stop DIR: fast shutdown (open sessions are ended, as an administrator's restart would).
cluster_stop() {
  if as_owner "$PGBIN/pg_ctl" -D "$1" status >/dev/null 2>&1; then
    as_owner "$PGBIN/pg_ctl" -D "$1" -m fast -w -t 60 stop >/dev/null
  fi
}

# cluster_restart DIR: pg_ctl restart -m fast, waiting until the cluster accepts connections again.
cluster_restart() {
  as_owner "$PGBIN/pg_ctl" -D "$1" -l "$1/server.log" -m fast -w -t 60 restart >/dev/null
}

# cluster_remove DIR: stops the cluster and deletes its folder.
cluster_remove() {
  [ -d "$1" ] || return 0
  cluster_stop "$1" || true
  rm -rf "$1"
}

# cluster_database PORT NAME: creates NAME with PostGIS and pgRouting on the cluster at PORT (a throwaway one).
cluster_database() {
  local port="$1" db="$2"
  export PGPASSWORD; PGPASSWORD="$(cat "$PGPASS_FILE")"
  psql -h 127.0.0.1 -p "$port" -U "$PGUSER_NAME" -d postgres -v ON_ERROR_STOP=1 -qc "create database \"$db\"" >/dev/null
  psql -h 127.0.0.1 -p "$port" -U "$PGUSER_NAME" -d "$db" -v ON_ERROR_STOP=1 -qc "create extension postgis; create extension pgrouting" >/dev/null
}

# use_connection CONNECTION: exports PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD from an Npgsql connection
# string (Host=…;Port=…;Database=…;Username=…;Password=…, the form ConnectionStrings__AssetRegistry takes), so the
# PostgreSQL client tools reach the same database as the app.
use_connection() {
  local part key value
  IFS=';' read -ra parts <<< "$1"
  for part in "${parts[@]}"; do
    [ -n "$part" ] || continue
    key="$(echo "${part%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"; value="${part#*=}"
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      database|db) export PGDATABASE="$value" ;;
      username|userid|user) export PGUSER="$value" ;;
      password|pwd) export PGPASSWORD="$value" ;;
    esac
  done
}

# target_options SCRIPT HELP_LINES ARGS...: the options backup.sh and restore.sh share. Reads --database NAME,
# --connection CS (over whatever CONNECTION the caller set first) and one FILE into DATABASE, CONNECTION and FILE;
# -h prints lines HELP_LINES (sed range) of SCRIPT, its usage comment.
target_options() {
  local script="$1" help="$2"; shift 2
  DATABASE=""; FILE=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --database) DATABASE="${2:?--database needs a name}"; shift 2 ;;
      --connection) CONNECTION="${2:?--connection needs a connection string}"; shift 2 ;;
      -h|--help) sed -n "${help}p" "$script"; exit 0 ;;
      -*) echo "unknown option: $1 (use --database NAME or --connection CS)" >&2; exit 2 ;;
      *) FILE="$1"; shift ;;
    esac
  done
}

# Run as a script: scripts/pg.sh FUNCTION ARGS... (the cluster_* functions, connection_string).
if [ "${BASH_SOURCE[0]}" = "$0" ] && [ $# -gt 0 ]; then
  case "$1" in
    cluster_create|cluster_start|cluster_stop|cluster_restart|cluster_remove|cluster_database|connection_string) "$@" ;;
    *) echo "unknown function: $1 (cluster_create, cluster_start, cluster_stop, cluster_restart, cluster_remove, cluster_database, connection_string)" >&2; exit 2 ;;
  esac
fi
