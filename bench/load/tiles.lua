-- wrk load on vector tiles: a random tile of the central city at zoom 15 or 16 (where the dense kinds are drawn;
-- about 1,200 manholes in a zoom-15 tile of the centre), or 13–14 for residential land.
--   wrk -c32 -d60s -s bench/load/tiles.lua http://127.0.0.1:5090 -- <base64 user:password>
package.path = "bench/load/?.lua;" .. package.path
require "common"

local kinds = { { "manholes", 15 }, { "streetlights", 15 }, { "sewer_segments", 15 }, { "residential_areas", 13 } }

local function tile(lon, lat, z)
  local n = 2 ^ z
  local x = math.floor((lon + 180) / 360 * n)
  local r = math.rad(lat)
  local y = math.floor((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)
  return x, y
end

function request()
  local kind = kinds[math.random(#kinds)]
  local z = kind[2] + math.random(0, 1)
  local lon, lat = city_point()
  local x, y = tile(lon, lat, z)
  return wrk.format("GET", string.format("/ogc/collections/%s/tiles/WebMercatorQuad/%d/%d/%d", kind[1], z, y, x), { ["Authorization"] = auth })
end
