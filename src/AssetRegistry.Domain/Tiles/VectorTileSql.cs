using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;

namespace AssetRegistry.Domain.Tiles;

/// <summary>
/// The one statement that makes a kind's Mapbox vector tile in PostGIS (<c>ST_AsMVT</c>), built once per kind from
/// its definitions. Identifiers come from the kind (an allow-list, quoted by <see cref="FeatureSql.Quote"/>); the
/// tile's zoom, column and row are the parameters <c>$1</c>, <c>$2</c>, <c>$3</c>.
/// </summary>
public static class VectorTileSql
{
    private static readonly ConcurrentDictionary<string, string> Statements = new();

    /// <summary>Tile extent in MVT units: coordinates are quantised to a 4096 × 4096 grid per tile.</summary>
    public const int Extent = 4096;

    /// <summary>Margin kept around the tile, in MVT units (64 of 4096), so symbols and lines that cross a tile
    /// edge are drawn whole by both neighbours.</summary>
    public const int Buffer = 64;

    /// <summary>Pixels along a tile's side on screen (the usual 256-pixel WebMercatorQuad tile): a line or polygon
    /// whose bounding box is under one such pixel in both directions is left out of the tile.</summary>
    public const int ScreenPixelsPerTile = 256;

    /// <summary>Width of the WebMercatorQuad world (EPSG:3857), metres: 2π × 6378137.</summary>
    public const double WorldWidthMetres = 40075016.685578488;

    /// <summary>The attributes every kind's tile features carry, before the kind's own
    /// <see cref="AssetKind.TileAttributes"/>.</summary>
    public static readonly IReadOnlyList<string> CommonAttributes = ["code", "name", "status", "condition"];

    /// <summary>
    /// The tile statement for <paramref name="kind"/>. It returns one row: the collection's data version (0 when
    /// nothing was ever written; read in the same statement, so it is never older than the tile's data) and the
    /// tile as <c>bytea</c> (empty when no feature touches the tile). The MVT layer is named after the collection,
    /// the feature id is the asset id, and the properties are <see cref="CommonAttributes"/> plus the kind's
    /// <see cref="AssetKind.TileAttributes"/>.
    /// </summary>
    /// <remarks>
    /// The tile envelope is made in EPSG:3857 by <c>ST_TileEnvelope</c> and, widened by the buffer, transformed to
    /// EPSG:4326 for the <c>&amp;&amp;</c> filter, so the GiST index on the 4326 column is used; only the matching
    /// rows are transformed to 3857. <c>ST_AsMVTGeom</c> clips to the buffered tile and quantises to the grid. For
    /// lines and polygons, features under one screen pixel are dropped (at zoom 10 a pixel is about 150 m), which
    /// keeps low-zoom tiles small. Cost: one GiST range scan plus a transform and an encode per feature in the tile.
    /// </remarks>
    /// <exception cref="InvalidOperationException">A tile attribute is not one of the kind's attributes.</exception>
    public static string For(AssetKind kind) => Statements.GetOrAdd(kind.CollectionId, _ => Build(kind));

    private static string Build(AssetKind kind)
    {
        var columns = new StringBuilder();
        foreach (var name in CommonAttributes.Concat(kind.TileAttributes))
        {
            var attribute = kind.FindAttribute(name) ?? throw new InvalidOperationException(
                $"Tile attribute '{name}' of {kind.CollectionId} is not one of its attributes.");
            columns.Append(", t.").Append(FeatureSql.Quote(attribute.Name));
        }
        // The table is the collection id, so quoting it also proves the id snake_case before it becomes the
        // layer-name literal.
        var table = FeatureSql.Quote(kind.Table);
        var layer = kind.CollectionId;
        var margin = ((double)Buffer / Extent).ToString("R", CultureInfo.InvariantCulture);
        var pixel = (WorldWidthMetres / ScreenPixelsPerTile).ToString("R", CultureInfo.InvariantCulture);
        var pointsOnly = kind.GeometryTypes.All(g => g == "Point");
        // A pixel test on the 3857 bounding box; points have no extent, so they skip it.
        var pixelFilter = pointsOnly ? "" : $"""

                  and (ST_XMax(p.geom) - ST_XMin(p.geom) >= {pixel} / 2 ^ $1 or ST_YMax(p.geom) - ST_YMin(p.geom) >= {pixel} / 2 ^ $1)
            """;
        return $"""
            select coalesce((select v.version from collection_versions v where v.collection = '{layer}'), 0) as version,
                   ST_AsMVT(f.*, '{layer}', {Extent}, 'geom', 'id') as tile
            from (
                select t.id, ST_AsMVTGeom(p.geom, ST_TileEnvelope($1, $2, $3), {Extent}, {Buffer}, true) as geom{columns}
                from {table} t
                cross join lateral (select ST_Transform(t.geometry, 3857) as geom) p
                where t.geometry && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => {margin}), 4326){pixelFilter}
            ) f
            where f.geom is not null
            """;
    }
}
