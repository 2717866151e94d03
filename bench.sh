#!/usr/bin/env bash
# Benchmarks, kept out of the test suite. Figures go into docs/benchmarks.md with this command line.
#   ./bench.sh seed [--scale S]    time the seed load into a fresh registry (default scales 1 and 4)
#   ./bench.sh items [--scale S]   items page of 1,000 features: API beside the same SQL run directly (default scale 4)
#   ./bench.sh tiles [--scale S]   vector tiles of a map viewport at zooms 12-16: API beside the same ST_AsMVT statement (default scale 4)
#   ./bench.sh worklists [--scale S]  build work lists for 10,000 open tasks (TASKS=…): time and route length against code order (default scale 4)
#   ./bench.sh coverage [--scale S]   park coverage (straight-line and walking) and the largest upstream sewer trace (default scales 1 and 4)
#   ./bench.sh map [--scale S]     whole-city map drawn in headless Chromium, cold cache (default scale 4)
#   ./bench.sh schedule [--scale S]   the inspection scheduler's first run on an empty task table, then its idempotent rerun (default scale 4)
#   ./bench.sh exports [--scale S]    export the manholes and the sewer segments in every format: time, size, the server's peak RSS (default scale 1; DB=… to pick the database)
#   ./bench.sh import              import 1,000,000 streetlights (ROWS=…) as CSV and as GeoJSON, validation included, beside
#                                  ogr2ogr loading the same files with PG_USE_COPY into a scratch table (database assetregistry_bench_import);
#                                  then re-imports with match on code: the same CSV, a tenth of its rows changed, all changed,
#                                  every point moved 0.1 mm
#   ./bench.sh import-floor        after an import: its rows written in bare SQL with the same indexes, in one transaction and
#                                  with the indexes over two sessions at once, beside ogr2ogr's CSV load (ROUNDS=2)
#   ./bench.sh load [--scale S]    wrk on loopback: item pages, then tiles, 32 connections for 60 s each, three runs, with
#                                  the web process's RSS after each run (default scale 4; DURATION=60s CONNECTIONS=32 RUNS=3 WARMUP=70s PORT=5090)
#                                  JIT_LOG=FILE also logs each method the web process compiles, with a copy after each run;
#                                  R2R=1 serves from a ReadyToRun publish instead of the Release build
# Uses its own database, assetregistry_bench, in the local cluster; the coverage mode picks one per scale
# (assetregistry_bench at scale 4, assetregistry_bench1 at scale 1, assetregistry_bench_<S> otherwise) and reseeds
# it when the scale differs or the streets are missing (about 30 s at scale 4).
set -euo pipefail
cd "$(dirname "$0")"
WHAT="${1:-items}"; shift || true
SCALES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALES+=("${2:?--scale needs a number}"); shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
source scripts/pg.sh
ensure_packages
start_cluster
ensure_database assetregistry_bench
export ConnectionStrings__AssetRegistry="$(connection_string assetregistry_bench)"
export ASPNETCORE_ENVIRONMENT=Development
dotnet build src/AssetRegistry.Web -c Release -nologo -v quiet
dotnet build bench/AssetRegistry.Bench -c Release -nologo -v quiet
WEB="dotnet src/AssetRegistry.Web/bin/Release/net10.0/AssetRegistry.Web.dll"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), PostgreSQL $(psql -V | awk '{print $3}')"

seeded_scale() {
  PGPASSWORD="$(cat .data/pg.password)" psql -h 127.0.0.1 -p "$PGPORT" -U assetregistry -d "${1:-assetregistry_bench}" -Atc \
    "select coalesce(round((select count(*) from manholes) / 120000.0, 2), 0)" 2>/dev/null || echo 0
}

# has_streets DB: 1 when the walking network is loaded and routed.
has_streets() {
  PGPASSWORD="$(cat .data/pg.password)" psql -h 127.0.0.1 -p "$PGPORT" -U assetregistry -d "$1" -Atc \
    "select (exists(select 1 from streets) and not exists(select 1 from streets where source is null))::int" 2>/dev/null || echo 0
}

# bench_database S: the database the coverage benchmark uses at scale S.
bench_database() {
  case "$1" in
    4) echo assetregistry_bench ;;
    1) echo assetregistry_bench1 ;;
    *) echo "assetregistry_bench_${1//./_}" ;;
  esac
}

case "$WHAT" in
  seed)
    [ ${#SCALES[@]} -gt 0 ] || SCALES=(1 4)
    $WEB migrate
    for s in "${SCALES[@]}"; do
      echo "== seed --scale $s --reset"
      /usr/bin/time -f "wall %e s, peak RSS %M KiB" $WEB seed --scale "$s" --reset
    done
    ;;
  items|tiles|map)
    [ ${#SCALES[@]} -gt 0 ] || SCALES=(4)
    s="${SCALES[0]}"
    $WEB migrate
    if [ "$(seeded_scale)" != "$(printf '%.2f' "$s")" ]; then $WEB seed --scale "$s" --reset; fi
    $WEB --contentRoot "$PWD/src/AssetRegistry.Web" --urls http://127.0.0.1:5090 > .data/bench-web.log 2>&1 &
    web=$!
    trap 'kill $web 2>/dev/null || true' EXIT
    for _ in $(seq 60); do curl -sf http://127.0.0.1:5090/health >/dev/null && break; sleep 1; done
    if [ "$WHAT" = map ]; then
      echo "== whole-city map at scale $s"
      dotnet bench/AssetRegistry.Bench/bin/Release/net10.0/AssetRegistry.Bench.dll map http://127.0.0.1:5090 engineer Qz-demo-2024 "${ROUNDS:-10}"
    elif [ "$WHAT" = tiles ]; then
      echo "== vector tiles at scale $s"
      dotnet bench/AssetRegistry.Bench/bin/Release/net10.0/AssetRegistry.Bench.dll tiles http://127.0.0.1:5090 engineer Qz-demo-2024 "${PASSES:-3}"
    else
      echo "== items page at scale $s"
      dotnet bench/AssetRegistry.Bench/bin/Release/net10.0/AssetRegistry.Bench.dll items http://127.0.0.1:5090 engineer Qz-demo-2024 manholes 1000 "${ROUNDS:-500}"
    fi
    ;;
  worklists)
    [ ${#SCALES[@]} -gt 0 ] || SCALES=(4)
    s="${SCALES[0]}"
    $WEB migrate
    if [ "$(seeded_scale)" != "$(printf '%.2f' "$s")" ]; then $WEB seed --scale "$s" --reset; fi
    echo "== work lists at scale $s"
    dotnet bench/AssetRegistry.Bench/bin/Release/net10.0/AssetRegistry.Bench.dll worklists "${TASKS:-10000}" "${CAPACITY:-60}"
    ;;
  coverage)
    [ ${#SCALES[@]} -gt 0 ] || SCALES=(1 4)
    for s in "${SCALES[@]}"; do
      db="$(bench_database "$s")"
      ensure_database "$db"
      export ConnectionStrings__AssetRegistry="$(connection_string "$db")"
      $WEB migrate
      if [ "$(seeded_scale "$db")" != "$(printf '%.2f' "$s")" ] || [ "$(has_streets "$db")" != 1 ]; then
        echo "== seed --scale $s --reset into $db"
        $WEB seed --scale "$s" --reset
      fi
      echo "== planner analyses at scale $s ($db)"
      dotnet bench/AssetRegistry.Bench/bin/Release/net10.0/AssetRegistry.Bench.dll coverage "${RUNS:-3}" "${OUTFALLS:-50}"
    done
    ;;
  schedule)
    [ ${#SCALES[@]} -gt 0 ] || SCALES=(4)
    s="${SCALES[0]}"
    $WEB migrate
    if [ "$(seeded_scale)" != "$(printf '%.2f' "$s")" ]; then $WEB seed --scale "$s" --reset; fi
    PGPASSWORD="$(cat .data/pg.password)" psql -h 127.0.0.1 -p "$PGPORT" -U assetregistry -d assetregistry_bench -qc \
      "truncate inspection_tasks, work_lists, campaigns, alerts cascade"
    day="${DAY:-2026-03-10}"
    echo "== scheduler at scale $s for $day: first run, then the same day again"
    /usr/bin/time -f "wall %e s" $WEB schedule --date "$day" | tail -1
    /usr/bin/time -f "wall %e s" $WEB schedule --date "$day" | tail -1
    ;;
  exports)
    [ ${#SCALES[@]} -gt 0 ] || SCALES=(1)
    s="${SCALES[0]}"
    db="${DB:-$(bench_database "$s")}"
    ensure_database "$db"
    export ConnectionStrings__AssetRegistry="$(connection_string "$db")"
    $WEB migrate
    if [ "$(seeded_scale "$db")" != "$(printf '%.2f' "$s")" ]; then $WEB seed --scale "$s" --reset; fi
    Jobs__RunInWebProcess=false $WEB --contentRoot "$PWD/src/AssetRegistry.Web" --urls http://127.0.0.1:5090 > .data/bench-web.log 2>&1 &
    web=$!
    trap 'kill $web 2>/dev/null || true' EXIT
    for _ in $(seq 60); do curl -sf http://127.0.0.1:5090/health >/dev/null && break; sleep 1; done
    echo "== exports at scale $s ($db); server RSS at start $(awk '/VmRSS/ {print int($2/1024)}' /proc/$web/status) MiB"
    out="$(mktemp)"
    for q in manholes?format={geojson,csv,shapefile,geopackage,xlsx} "manholes?format=geopackage&crs=EPSG:4549" sewer_segments?format={shapefile,xlsx}; do
      r=$(curl -s -u engineer:Qz-demo-2024 -o "$out" -w "%{http_code} first byte %{time_starttransfer} s, total %{time_total} s, %{size_download} bytes" "http://127.0.0.1:5090/api/exports/$q")
      echo "$q: $r, server peak RSS $(awk '/VmHWM/ {print int($2/1024)}' /proc/$web/status) MiB"
    done
    rm -f "$out"
    ;;
  import)
    # The comparison is GDAL's ogr2ogr loading the same files (Debian gdal-bin; test.sh installs it too).
    ensure_command ogr2ogr gdal-bin
    db=assetregistry_bench_import
    ensure_database "$db"
    export ConnectionStrings__AssetRegistry="$(connection_string "$db")"
    $WEB migrate
    rows="${ROWS:-1000000}"
    dir=".data/bench-import-$rows"
    if [ ! -s "$dir/streetlights.geojson" ]; then
      echo "== generate $rows streetlights inside the service area"
      dotnet bench/AssetRegistry.Bench/bin/Release/net10.0/AssetRegistry.Bench.dll import-generate "$dir" "$rows"
    fi
    ls -l "$dir"
    sql() { PGPASSWORD="$(cat .data/pg.password)" psql -h 127.0.0.1 -p "$PGPORT" -U assetregistry -d "$db" -qAtc "$1"; }
    pg="PG:host=127.0.0.1 port=$PGPORT dbname=$db user=assetregistry password=$(cat .data/pg.password)"
    for format in csv geojson; do
      file="$dir/streetlights.$format"
      for round in $(seq "${ROUNDS:-1}"); do
        sql "truncate streetlights cascade; delete from asset_changes where collection = 'streetlights'; drop table if exists ogr_streetlights"
        echo "== registry import of $file (round $round)"
        # The import deletes its upload once imported without refusals: give it a hard link, as an upload would be.
        ln -f "$file" "$file.upload"
        # A checkpoint before each timed load, so that neither meets one left over from the other's writes.
        sql "checkpoint"
        /usr/bin/time -f "process wall %e s, peak RSS %M KiB" \
          dotnet bench/AssetRegistry.Bench/bin/Release/net10.0/AssetRegistry.Bench.dll import "$format" "$file.upload"
        echo "== ogr2ogr -f PostgreSQL … $file --config PG_USE_COPY YES (round $round)"
        if [ "$format" = csv ]; then opts=(-oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude -a_srs EPSG:4326); else opts=(); fi
        sql "checkpoint"
        /usr/bin/time -f "process wall %e s, peak RSS %M KiB" \
          ogr2ogr -f PostgreSQL "$pg" "$file" "${opts[@]}" -nln ogr_streetlights -lco GEOMETRY_NAME=geometry -overwrite --config PG_USE_COPY YES
        echo "ogr2ogr loaded $(sql "select count(*) from ogr_streetlights") rows"
      done
    done
    sql "drop table if exists ogr_streetlights"
    # Re-imports with match on code onto the million streetlights the last GeoJSON round left (the same codes and
    # values as the CSV): the CSV as it is (every row the same as stored), then with every tenth row's wattage changed
    # (a survey's update), then with every row's changed. ogr2ogr has no counterpart (it appends or overwrites).
    awk -F, 'BEGIN { OFS = "," } NR > 1 && NR % 10 == 0 { $4 = $4 + 5 } { print }' "$dir/streetlights.csv" > "$dir/streetlights-tenth-changed.csv"
    awk -F, 'BEGIN { OFS = "," } NR > 1 { $4 = $4 + 5 } { print }' "$dir/streetlights.csv" > "$dir/streetlights-all-changed.csv"
    # Every point 1e-9° (0.1 mm) east, as a file read back through a projected CRS: all within
    # Registry:SameGeometryToleranceMetres, so all left alone, each one compared by distance.
    awk -F, 'BEGIN { OFS = "," } NR > 1 { $8 = sprintf("%.9f", $8 + 1e-9) } { print }' "$dir/streetlights.csv" > "$dir/streetlights-submm-moved.csv"
    for file in "$dir/streetlights.csv" "$dir/streetlights-tenth-changed.csv" "$dir/streetlights-all-changed.csv" "$dir/streetlights-submm-moved.csv"; do
      sql "vacuum analyze streetlights"
      sql "checkpoint"
      echo "== registry re-import of $file with match on code"
      ln -f "$file" "$file.upload"
      /usr/bin/time -f "process wall %e s, peak RSS %M KiB" \
        dotnet bench/AssetRegistry.Bench/bin/Release/net10.0/AssetRegistry.Bench.dll import csv "$file.upload" --match-on-code
      # The next one starts from the file's values again: put the wattages back as the CSV has them.
      sql "truncate streetlights cascade; delete from asset_changes where collection = 'streetlights'"
      ln -f "$dir/streetlights.csv" "$dir/streetlights.csv.upload"
      dotnet bench/AssetRegistry.Bench/bin/Release/net10.0/AssetRegistry.Bench.dll import csv "$dir/streetlights.csv.upload" | tail -1
    done
    ;;
  import-floor)
    # The floor under any import design: the million rows exactly as a commit writes them (a binary COPY file of the
    # streetlights an import left), loaded in bare SQL into a new table of the same shape with the same indexes and
    # key, once in one transaction and once with the indexes split over two sessions at once; beside ogr2ogr loading
    # the CSV in the same round. Needs a `./bench.sh import` before (it leaves the last import's streetlights).
    ensure_command ogr2ogr gdal-bin
    db=assetregistry_bench_import
    sql() { PGPASSWORD="$(cat .data/pg.password)" psql -h 127.0.0.1 -p "$PGPORT" -U assetregistry -d "$db" -qAt "$@"; }
    pg="PG:host=127.0.0.1 port=$PGPORT dbname=$db user=assetregistry password=$(cat .data/pg.password)"
    file=".data/bench-import-${ROWS:-1000000}/streetlights.csv"
    rows=$(sql -c "select count(*) from streetlights")
    [ "$rows" -gt 0 ] && [ -s "$file" ] || { echo "run ./bench.sh import first (streetlights has $rows rows)" >&2; exit 1; }
    bin=".data/bench-import-floor.bin"
    sql -c "\\copy (select * from streetlights) to '$bin' (format binary)"
    echo "== $rows rows as the commit writes them: $(stat -c %s "$bin") bytes"
    now() { date +%s.%N; }
    secs() { printf '%.2f' "$(echo "$2 - $1" | bc)"; }
    like="(like streetlights including defaults including constraints)"
    indexes_a="alter table floor_b add constraint floor_b_pk primary key (id); create unique index on floor_b (code); create index on floor_b (district);"
    indexes_b="create index on floor_b using gist (geometry); create index on floor_b (status);"
    for round in $(seq "${ROUNDS:-2}"); do
      sql -c "drop table if exists floor_a, floor_b, ogr_streetlights" -c "checkpoint"
      s0=$(now)
      ogr2ogr -f PostgreSQL "$pg" "$file" -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude -a_srs EPSG:4326 \
        -nln ogr_streetlights -lco GEOMETRY_NAME=geometry -overwrite --config PG_USE_COPY YES
      echo "round $round: ogr2ogr, the whole CSV load $(secs "$s0" "$(now)") s"
      sql -c "drop table ogr_streetlights" -c "checkpoint"
      s0=$(now)
      sql -1 -c "create table floor_a $like" -c "\\copy floor_a from '$bin' (format binary)" \
        -c "alter table floor_a add constraint floor_a_pk primary key (id)" -c "create unique index on floor_a (code)" \
        -c "create index on floor_a (district)" -c "create index on floor_a using gist (geometry)" -c "create index on floor_a (status)" \
        -c "alter table floor_a add foreign key (district) references districts (adcode) on delete restrict"
      echo "round $round: one transaction, COPY then five indexes and the key $(secs "$s0" "$(now)") s"
      sql -c "drop table floor_a" -c "checkpoint"
      s0=$(now)
      sql -c "create table floor_b $like" -c "\\copy floor_b from '$bin' (format binary)"
      s1=$(now)
      sql -c "$indexes_a" & sql -c "$indexes_b"; wait
      s2=$(now)
      sql -c "alter table floor_b add foreign key (district) references districts (adcode) on delete restrict"
      echo "round $round: indexes in two sessions at once: COPY $(secs "$s0" "$s1") s, indexes $(secs "$s1" "$s2") s, total $(secs "$s0" "$(now)") s"
    done
    sql -c "drop table if exists floor_a, floor_b, ogr_streetlights"
    rm -f "$bin"
    ;;
  load)
    [ ${#SCALES[@]} -gt 0 ] || SCALES=(4)
    s="${SCALES[0]}"
    port="${PORT:-5090}"
    ensure_command wrk wrk
    $WEB migrate
    if [ "$(seeded_scale)" != "$(printf '%.2f' "$s")" ]; then $WEB seed --scale "$s" --reset; fi
    # No Hangfire server in the measured process: its polling is not part of serving reads.
    # JIT_LOG=FILE: the web process's JIT writes one line per method it compiles to FILE, and a copy is kept after the
    # warm-up and each run (FILE.warm-up-tiles, FILE.run-N-items, …), so that what compiles late can be named by diff.
    jit=()
    if [ -n "${JIT_LOG:-}" ]; then rm -f "$JIT_LOG"*; jit=(DOTNET_JitStdOutFile="$JIT_LOG" DOTNET_JitDisasmSummary=1); fi
    # R2R=1: serve from a ReadyToRun publish (every assembly of the app and its packages compiled ahead of time, as
    # `dotnet publish -r linux-x64 -p:PublishReadyToRun=true` makes it for a deployment) instead of the Release build.
    served="$WEB"
    if [ "${R2R:-0}" = 1 ]; then
      dotnet publish src/AssetRegistry.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
        -o .data/publish-r2r -nologo -v quiet > .data/publish-r2r.log 2>&1 || { cat .data/publish-r2r.log; exit 1; }
      served="dotnet .data/publish-r2r/AssetRegistry.Web.dll"
    fi
    echo "serving: $served"
    env "${jit[@]}" Jobs__RunInWebProcess=false $served --contentRoot "$PWD/src/AssetRegistry.Web" --urls http://127.0.0.1:$port > .data/bench-web.log 2>&1 &
    web=$!
    trap 'kill $web 2>/dev/null || true' EXIT
    for _ in $(seq 60); do curl -sf http://127.0.0.1:$port/health >/dev/null && break; sleep 1; done
    jit_copy() { if [ -n "${JIT_LOG:-}" ]; then cp "$JIT_LOG" "$JIT_LOG.$1"; fi; }
    auth="$(printf '%s' 'engineer:Qz-demo-2024' | base64)"
    # The runtime's own counters beside RSS, to tell the GC heap from the rest of the process (dotnet-counters is a
    # local tool of the repository).
    dotnet tool restore >/dev/null
    rm -f .data/load-counters.csv
    dotnet dotnet-counters collect -p "$web" --counters System.Runtime --format csv -o .data/load-counters.csv --refresh-interval 5 >/dev/null 2>&1 &
    counters=$!
    trap 'kill $counters $web 2>/dev/null || true' EXIT
    rss() {
      local gc
      # From the counters so far (the file is written as it goes): the GC heap after the last collection (all
      # generations), the memory the GC has committed, methods compiled since start, thread-pool threads added.
      gc=$(awk -F, 'NR > 1 {
          if ($3 ~ /^dotnet.gc.last_collection.heap.size/) { if ($1 != ht) { ht = $1; heap = 0 } heap += $5 }
          else if ($3 ~ /^dotnet.gc.last_collection.memory.committed_size/) committed = $5
          else if ($3 ~ /^dotnet.jit.compiled_methods/) jitted += $5
          else if ($3 ~ /^dotnet.thread_pool.thread.count/) threads += $5
        } END { printf "gc_heap=%.0fMiB gc_committed=%.0fMiB jitted_methods=%d pool_threads_added=%d", heap / 1048576, committed / 1048576, jitted, threads }' \
        .data/load-counters.csv 2>/dev/null)
      # RSS split as the kernel counts it: anonymous memory (heaps, stacks, JIT code) and file-backed pages (the
      # runtime's and the app's mapped images, dropped by the kernel whenever it needs the room).
      local anon file
      anon=$(awk '/^RssAnon:/ { print $2 }' "/proc/$web/status")
      file=$(awk '/^RssFile:/ { print $2 }' "/proc/$web/status")
      echo "$(( $(ps -o rss= -p "$web") / 1024 )) MiB rss_anon=${anon}KiB rss_file=${file}KiB $gc"
    }
    echo "== load at scale $s: wrk -t2 -c${CONNECTIONS:-32} -d${DURATION:-60s}, web RSS at start $(rss)"
    # An unmeasured warm-up of each endpoint: JIT, the first connection burst, and the code that periodic work runs
    # only for its first or second time (docs/benchmarks.md, "What compiles late, named"): the full Basic sign-in that
    # runs again each time the one-minute credential cache expires, whose dependency-injection resolvers are compiled
    # after their second use, and the import worker's heartbeat. 2 × 70 s spans two expiries, so run 1 starts after
    # them and memory after it is the settled baseline the later runs are compared with.
    for what in items tiles; do
      line=$(wrk -t2 -c"${CONNECTIONS:-32}" -d"${WARMUP:-70s}" --timeout 10s -s "bench/load/$what.lua" http://127.0.0.1:$port -- "$auth" | grep '^RESULT')
      echo "warm-up $what: ${line#RESULT } web_rss=$(rss)"
      jit_copy "warm-up-$what"
    done
    for run in $(seq "${RUNS:-3}"); do
      for what in items tiles; do
        line=$(wrk -t2 -c"${CONNECTIONS:-32}" -d"${DURATION:-60s}" --timeout 10s -s "bench/load/$what.lua" http://127.0.0.1:$port -- "$auth" | grep '^RESULT')
        echo "run $run $what: ${line#RESULT } web_rss=$(rss)"
        jit_copy "run-$run-$what"
      done
    done
    ;;
  *) echo "unknown benchmark: $WHAT (seed, items, tiles, map, worklists, coverage, schedule, exports, import, import-floor, load)" >&2; exit 2 ;;
esac
