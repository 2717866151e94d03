-- wrk load on item pages: a 1.2 km window anywhere in the central city, 100 features per page, one of the first
-- ten pages, over the three dense kinds.
--   wrk -c32 -d60s -s bench/load/items.lua http://127.0.0.1:5090 -- <base64 user:password>
package.path = "bench/load/?.lua;" .. package.path
require "common"

local kinds = { "manholes", "manholes", "streetlights", "sewer_segments" }

function request()
  local lon, lat = city_point()
  local path = string.format("/ogc/collections/%s/items?bbox=%.5f,%.5f,%.5f,%.5f&limit=100&offset=%d",
    kinds[math.random(#kinds)], lon, lat, lon + 0.012, lat + 0.012, math.random(0, 9) * 100)
  return wrk.format("GET", path, { ["Authorization"] = auth })
end
