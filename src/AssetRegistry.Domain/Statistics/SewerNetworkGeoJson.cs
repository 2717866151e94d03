using System.Text.Json;
using Npgsql;

namespace AssetRegistry.Domain.Statistics;

/// <summary>
/// Draws a traced piece of the sewer network: the manholes and segments of given ids (and optionally a waterlogging
/// point) as one GeoJSON FeatureCollection written by PostGIS (WGS 84, 7 decimals). Each feature's properties name
/// its <c>collection</c>, <c>code</c> and <c>role</c>: <c>point</c>, <c>start</c>, <c>inlet</c>, <c>outfall</c>,
/// <c>manhole</c> or <c>segment</c>. Ids are one array parameter per kind, read through the primary keys.
/// </summary>
public static class SewerNetworkGeoJson
{
    private const string Sql = """
        select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f.feature order by f.sort, f.id), '[]'))::text
        from (
            select 0 as sort, w.id, json_build_object('type', 'Feature', 'id', w.id, 'geometry', ST_AsGeoJSON(w.geometry, 7)::json,
                   'properties', json_build_object('collection', 'waterlogging_points', 'code', w.code, 'name', w.name, 'role', 'point')) as feature
            from waterlogging_points w where w.id = $1
            union all
            select 1, m.id, json_build_object('type', 'Feature', 'id', m.id, 'geometry', ST_AsGeoJSON(m.geometry, 7)::json,
                   'properties', json_build_object('collection', 'manholes', 'code', m.code, 'name', m.name, 'network', m.network,
                                                   'role', case when m.id = any($2) then $5 when m.is_outfall then 'outfall' else 'manhole' end))
            from manholes m where m.id = any($3)
            union all
            select 2, s.id, json_build_object('type', 'Feature', 'id', s.id, 'geometry', ST_AsGeoJSON(s.geometry, 7)::json,
                   'properties', json_build_object('collection', 'sewer_segments', 'code', s.code, 'system', s.system,
                                                   'diameter_mm', s.diameter_mm, 'length_m', s.length_m, 'role', 'segment'))
            from sewer_segments s where s.id = any($4)
        ) f
        """;

    /// <summary>The FeatureCollection of waterlogging point <paramref name="pointId"/> (none when null), the
    /// manholes <paramref name="manholeIds"/> (those in <paramref name="highlightedIds"/> get the role
    /// <paramref name="highlightRole"/>, e.g. <c>inlet</c> or <c>start</c>) and the segments <paramref name="segmentIds"/>.</summary>
    public static async Task<JsonElement> ReadAsync(NpgsqlConnection conn, long? pointId, long[] highlightedIds, IReadOnlyList<long> manholeIds,
        IReadOnlyList<long> segmentIds, CancellationToken ct, string highlightRole = "inlet")
    {
        await using var cmd = new NpgsqlCommand(Sql, conn);
        cmd.CommandTimeout = 120;
        object[] values = [pointId is { } p ? p : DBNull.Value, highlightedIds, manholeIds.ToArray(), segmentIds.ToArray(), highlightRole];
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return JsonDocument.Parse((string)(await cmd.ExecuteScalarAsync(ct))!).RootElement.Clone();
    }
}
