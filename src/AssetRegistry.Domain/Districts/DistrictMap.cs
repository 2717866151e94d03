using Npgsql;

namespace AssetRegistry.Domain.Districts;

/// <summary>The district boundaries as one GeoJSON FeatureCollection made by PostGIS, simplified for display
/// (about 10 m), for the map's boundary layer.</summary>
public sealed class DistrictMap(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        select json_build_object('type','FeatureCollection','features', coalesce(json_agg(json_build_object(
            'type','Feature','id',adcode,
            'geometry', ST_AsGeoJSON(ST_Multi(ST_SimplifyPreserveTopology(geometry, 0.0001)), 6)::json,
            'properties', json_build_object('adcode', adcode, 'name', name, 'nameEn', name_en)) order by adcode), '[]'::json))::text
        from districts
        """;

    /// <summary>GeoJSON text of every district with <c>adcode</c>, <c>name</c> and <c>nameEn</c> (null when unknown).</summary>
    public async Task<string> ReadGeoJsonAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(Sql);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
