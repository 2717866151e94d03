using System.Text.Json.Nodes;
using Npgsql;

namespace AssetRegistry.Tests.Infrastructure;

/// <summary>
/// Fixtures worked by hand in CGCS2000 / 3-degree Gauss–Krüger CM 120°E metres (EPSG:4549), x east and y north from
/// one origin in 丰泽区, turned into the WGS 84 the API takes by PostGIS itself.
/// </summary>
public static class MetricFixture
{
    /// <summary>A one-row query of the origin as an EPSG:4549 point <c>p</c>, for <c>with o as (…)</c>.</summary>
    public const string Origin = "select ST_Transform(ST_SetSRID(ST_Point(118.6269, 24.9173), 4326), 4549) as p";

    /// <summary>The rectangle [x1, x2] × [y1, y2] (metres from the origin) as a WGS 84 GeoJSON polygon, computed by the
    /// database at <paramref name="connectionString"/>.</summary>
    public static async Task<JsonObject> RectangleAsync(string connectionString, double x1, double y1, double x2, double y2)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"""
            with o as ({Origin})
            select ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope(ST_X(p) + $1, ST_Y(p) + $2, ST_X(p) + $3, ST_Y(p) + $4, 4549), 4326), 9) from o
            """, conn);
        foreach (var v in new[] { x1, y1, x2, y2 }) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return JsonNode.Parse((string)(await cmd.ExecuteScalarAsync())!)!.AsObject();
    }
}
