using Npgsql;
using NpgsqlTypes;

namespace AssetRegistry.Domain.WorkLists;

/// <summary>
/// Distances between a work list's stops along the street network (pgRouting <c>pgr_dijkstraCostMatrix</c> over
/// <c>streets</c>, cost = length in metres, both directions), each stop joined to its nearest street vertex (the
/// straight walk to it counted at both ends). Only the streets around the stops are loaded: their box widened by
/// <see cref="SearchMarginDegrees"/>. A pair the network does not join stays <see cref="double.NaN"/> for the
/// caller to fill with the straight-line distance.
/// </summary>
public static class StreetDistanceMatrix
{
    /// <summary>How far beyond the stops' box the streets are loaded, degrees (about 1 km): a detour of that much
    /// can still be found. Source: product choice.</summary>
    public const double SearchMarginDegrees = 0.01;

    /// <summary>A stop farther than this from every street vertex, metres, means there are no streets there; the
    /// list is then routed in straight lines. Source: product choice.</summary>
    public const double MaxSnapMetres = 300;

    private const string Sql = """
        with stops as (
            select (u.i - 1)::int as i, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326) as g
            from unnest($1::float8[], $2::float8[]) with ordinality as u(lon, lat, i)),
        snapped as (
            select s.i, v.id as vid, ST_Distance(s.g::geography, v.geometry::geography) as snap
            from stops s cross join lateral (select id, geometry from street_vertices order by geometry <-> s.g limit 1) v),
        box as (
            select ST_XMin(e) - $3 as x1, ST_YMin(e) - $3 as y1, ST_XMax(e) + $3 as x2, ST_YMax(e) + $3 as y2
            from (select ST_Extent(g)::geometry as e from stops) x),
        costs as (
            select m.start_vid, m.end_vid, m.agg_cost
            from box, pgr_dijkstraCostMatrix(
                format('select id, source, target, length_m as cost, length_m as reverse_cost from streets '
                       'where source is not null and geometry && ST_MakeEnvelope(%s, %s, %s, %s, 4326)', box.x1, box.y1, box.x2, box.y2),
                (select array_agg(distinct vid) from snapped), directed => false) m)
        select a.i, b.i, a.snap, b.snap,
               case when a.vid = b.vid then 0 else c.agg_cost end
        from snapped a join snapped b on a.i < b.i
        left join costs c on c.start_vid = a.vid and c.end_vid = b.vid
        """;

    /// <summary>True when the registry has a routed street network.</summary>
    public static async Task<bool> NetworkExistsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select exists (select 1 from streets where source is not null)", connection, tx);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The symmetric matrix of street distances (metres) between <paramref name="stops"/> (lon/lat, SRID
    /// 4326), or null when a stop lies more than <see cref="MaxSnapMetres"/> from any street. Cost: one statement.</summary>
    public static async Task<double[,]?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        IReadOnlyList<(double Lon, double Lat)> stops, CancellationToken ct)
    {
        var n = stops.Count;
        var matrix = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                matrix[i, j] = i == j ? 0 : double.NaN;
        if (n < 2) return matrix;
        await using var cmd = new NpgsqlCommand(Sql, connection, tx) { CommandTimeout = 300 };
        cmd.Parameters.Add(new NpgsqlParameter { Value = stops.Select(s => s.Lon).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
        cmd.Parameters.Add(new NpgsqlParameter { Value = stops.Select(s => s.Lat).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
        cmd.Parameters.Add(new NpgsqlParameter { Value = SearchMarginDegrees });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (i, j, snapA, snapB) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetDouble(2), reader.GetDouble(3));
            if (snapA > MaxSnapMetres || snapB > MaxSnapMetres) return null;
            if (reader.IsDBNull(4)) continue;
            matrix[i, j] = matrix[j, i] = snapA + reader.GetDouble(4) + snapB;
        }
        return matrix;
    }
}
