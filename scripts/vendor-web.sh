#!/usr/bin/env bash
# Copies the pages' front-end libraries (map, statistics, analysis) from node_modules into src/AssetRegistry.Web/wwwroot/lib/<package>/,
# where they are committed: a fresh clone runs and tests without npm or internet.
#   scripts/vendor-web.sh           # npm ci (versions pinned in package-lock.json), then copy
# Run it after changing a version in src/AssetRegistry.Web/package.json (and `npm install` there).
set -euo pipefail
cd "$(dirname "$0")/../src/AssetRegistry.Web"
npm ci --no-audit --no-fund --silent
lib=wwwroot/lib
rm -rf "$lib"
copy() { # package, files relative to the package's dist folder...
  local package="$1"; shift
  mkdir -p "$lib/$package"
  for file in "$@"; do
    mkdir -p "$lib/$package/$(dirname "$file")"
    cp "node_modules/$package/$file" "$lib/$package/$file"
  done
  cp "node_modules/$package/LICENSE"* "$lib/$package/" 2>/dev/null || true
}
copy leaflet dist/leaflet.js dist/leaflet.css dist/images/layers.png dist/images/layers-2x.png \
  dist/images/marker-icon.png dist/images/marker-icon-2x.png dist/images/marker-shadow.png
copy @geoman-io/leaflet-geoman-free dist/leaflet-geoman.min.js dist/leaflet-geoman.css
copy leaflet.vectorgrid dist/Leaflet.VectorGrid.bundled.min.js
copy chart.js dist/chart.umd.min.js
node -e 'const l=require("./package-lock.json").packages;for(const p of ["leaflet","@geoman-io/leaflet-geoman-free","leaflet.vectorgrid","chart.js"])console.log(p+"@"+l["node_modules/"+p].version)' > "$lib/VERSIONS.txt"
echo "vendored into $lib:"; cat "$lib/VERSIONS.txt"
