#!/usr/bin/env bash
# Runs every test against a real PostGIS: the same bootstrap as run.sh, with its own database
# (assetregistry_test), then `dotnet test`. Extra arguments go to dotnet test (e.g. --filter Name~History).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/pg.sh
ensure_packages
# The browser tests drive Debian's Chromium through Playwright (no browser download is possible here).
ensure_command chromium chromium fonts-noto-cjk
# The interop tests run GDAL's OGC API – Features client (ogrinfo, ogr2ogr) against the app.
ensure_command ogrinfo gdal-bin
start_cluster
TEST_DATABASE="${TEST_DATABASE:-assetregistry_test}"
ensure_database "$TEST_DATABASE"
export ConnectionStrings__AssetRegistry="$(connection_string "$TEST_DATABASE")"
mkdir -p artifacts
OUT="artifacts/test-output-$TEST_DATABASE.txt"   # one file per database, so parallel runs do not mix
set +e
dotnet test AssetRegistry.sln -c Release -nologo --logger "console;verbosity=normal" \
  --results-directory "artifacts/test-results-$TEST_DATABASE" "$@" 2>&1 | tee "$OUT"
status=${PIPESTATUS[0]}
set -e
# One plain closing line: N passed, N failed.
passed=$({ grep -aEo 'Passed: +[0-9]+' "$OUT" || true; } | awk '{s+=$2} END {print s+0}')
failed=$({ grep -aEo 'Failed: +[0-9]+' "$OUT" || true; } | awk '{s+=$2} END {print s+0}')
# The failures again, each with its message and the top of its stack, so that the end of the log
# (often all a CI page shows) names them.
if [ "$failed" -gt 0 ]; then
  echo "failed tests:"
  awk '/^  Failed [A-Za-z]/ {on=1; n=0} /^  Passed [A-Za-z]/ || /^Test Run|^Total tests/ {on=0} on && n < 30 {print; n++}' "$OUT"
fi
echo "tests: $passed passed, $failed failed"
exit "$status"
