#!/usr/bin/env bash
# Runs the registry with the seed city on http://127.0.0.1:5080.
#   ./run.sh [--scale S] [--reset]
# Installs PostgreSQL 15 + PostGIS when missing, starts a local cluster under .data/ (port 55432), applies the
# migrations, loads the seed city when the database is empty (or always with --reset), then serves the app.
# Set ConnectionStrings__AssetRegistry to use another PostGIS instead of the local cluster.
set -euo pipefail
cd "$(dirname "$0")"
SCALE=1
RESET=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="${2:?--scale needs a number}"; shift 2 ;;
    --reset) RESET=(--reset); shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (use --scale S, --reset)" >&2; exit 2 ;;
  esac
done
source scripts/pg.sh
ensure_packages
if [ -z "${ConnectionStrings__AssetRegistry:-}" ]; then
  start_cluster
  ensure_database assetregistry
  export ConnectionStrings__AssetRegistry="$(connection_string assetregistry)"
fi
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
dotnet build src/AssetRegistry.Web -c Release -nologo -v quiet
dotnet run --project src/AssetRegistry.Web -c Release --no-build -- seed --scale "$SCALE" "${RESET[@]}"
# Today's inspections and the crews' routed lists, as the daily job (01:30 Asia/Shanghai) would make them.
dotnet run --project src/AssetRegistry.Web -c Release --no-build -- schedule --work-lists
echo "serving on http://127.0.0.1:5080 (sign in as engineer / Qz-demo-2024 in Development)"
exec dotnet run --project src/AssetRegistry.Web -c Release --no-build --urls http://127.0.0.1:5080
