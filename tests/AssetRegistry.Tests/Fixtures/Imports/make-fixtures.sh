#!/usr/bin/env bash
# Rebuilds the binary import fixtures from the GeoJSON beside this script with GDAL (ogr2ogr, gdalsrsinfo) and zip.
# The tests read the checked-in results, so neither a developer nor CI needs GDAL to run them.
set -euo pipefail
cd "$(dirname "$0")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
shp() { # shp NAME ENCODING SOURCE [ogr2ogr options...]: a shapefile "wells" in $work/NAME
  local name=$1 encoding=$2 source=$3; shift 3
  mkdir -p "$work/$name"
  ogr2ogr -f "ESRI Shapefile" -lco ENCODING="$encoding" -nln wells "$@" "$work/$name" "$source"
}
zipdir() { # zipdir NAME: zips $work/NAME's files, with no folder, into NAME.shp.zip
  rm -f "$1.shp.zip"
  (cd "$work/$1" && zip -q -X "$OLDPWD/$1.shp.zip" ./*)
}

shp utf8_chinese_values UTF-8 wells_chinese_values.geojson
zipdir utf8_chinese_values

shp gbk_chinese_field_names GBK wells_chinese_field_names.geojson
zipdir gbk_chinese_field_names

# No .cpg: the encoding is only in the DBF header's language driver byte (offset 29; 0x4D = code page 936).
shp gbk_ldid_without_cpg GBK wells_chinese_field_names.geojson
rm "$work/gbk_ldid_without_cpg/wells.cpg"
printf '\x4d' | dd of="$work/gbk_ldid_without_cpg/wells.dbf" bs=1 seek=29 conv=notrunc status=none
zipdir gbk_ldid_without_cpg

# Projected to CGCS2000 / 3-degree GK CM 120E with the ESRI-flavoured .prj ArcGIS writes.
shp arcgis_prj_cgcs2000_gk_cm120 UTF-8 wells_chinese_values.geojson -t_srs EPSG:4549
gdalsrsinfo -o wkt_esri EPSG:4549 | tr -d '\n ' > "$work/arcgis_prj_cgcs2000_gk_cm120/wells.prj"
zipdir arcgis_prj_cgcs2000_gk_cm120

shp no_prj UTF-8 wells_chinese_values.geojson
rm "$work/no_prj/wells.prj"
zipdir no_prj

# Xian 1980 / 3-degree GK CM 120E: same projection parameters as EPSG:4549 on another datum, not accepted.
shp unsupported_prj_xian1980_gk_cm120 UTF-8 wells_chinese_values.geojson -s_srs EPSG:4326 -t_srs EPSG:2385
zipdir unsupported_prj_xian1980_gk_cm120

shp subfolder UTF-8 wells_chinese_values.geojson
mkdir -p "$work/in_subfolder"
mv "$work/subfolder" "$work/in_subfolder/wells_export"
rm -f shapefile_in_subfolder.shp.zip
(cd "$work/in_subfolder" && zip -q -X -r "$OLDPWD/shapefile_in_subfolder.shp.zip" wells_export)

# The second record has a null shape: the row is still read, with a geometry problem.
shp null_shape_record UTF-8 wells_null_geometry.geojson
zipdir null_shape_record

rm -f cgcs2000_geographic.gpkg wgs84_two_layers.gpkg
ogr2ogr -f GPKG -a_srs EPSG:4490 -nln wells cgcs2000_geographic.gpkg wells_chinese_values.geojson
ogr2ogr -f GPKG -nln wells wgs84_two_layers.gpkg wells_chinese_values.geojson
ogr2ogr -f GPKG -update -nln sewers wgs84_two_layers.gpkg sewers_two_layers.geojson

# One WKT per line with the SRID it must be recognised as (0: not accepted), in the forms GDAL and ArcGIS write.
{
  for code in 4326 4490 4547 4548 4549; do
    for form in wkt1 wkt_esri wkt2; do printf '%s\t%s\t%s\n' "$code" "$form" "$(gdalsrsinfo -o "$form" "EPSG:$code" | tr -s '\n ' ' ' | sed 's/^ *//;s/ *$//')"; done
  done
  # Xian 1980 GK CM 120E, Beijing 1954, CGCS2000 GK zone 40 (zone-prefixed easting), Web Mercator, CGCS2000 6-degree CM 117E.
  for code in 2385 4214 4528 3857 4502; do
    for form in wkt1 wkt_esri; do printf '0\t%s\t%s\n' "$form" "$(gdalsrsinfo -o "$form" "EPSG:$code" | tr -s '\n ' ' ' | sed 's/^ *//;s/ *$//')"; done
  done
} > crs_wkt_cases.tsv
