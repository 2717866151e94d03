using AssetRegistry.Domain.Assets;
using Npgsql;
using NpgsqlTypes;

namespace AssetRegistry.Domain.WorkLists;

/// <summary>A work list without its stops: <c>WorkDate</c> an Asia/Shanghai calendar date, <c>RouteLengthM</c> the
/// route in stop order in metres — along the streets when <c>RoutedOnStreets</c>, else in straight lines —,
/// <c>Stops</c> the tasks on it and <c>Done</c> those done; <c>DistrictNameEn</c> the district's English name, null
/// when the registry has none.</summary>
public sealed record WorkListSummary(long Id, int CrewId, string CrewName, string District, string DistrictName, DateOnly WorkDate,
    int Sequence, double RouteLengthM, long? CampaignId, int Stops, int Done, bool RoutedOnStreets, string? DistrictNameEn);

/// <summary>One stop of a list. <c>Lon</c>/<c>Lat</c> are the asset's point on surface in degrees WGS 84 (SRID
/// 4326); code, name and position are null when the asset has since been deleted. <c>ConfinedSpace</c>: entry into a
/// manhole or sewer (有限空间作业), gas test and permit first.</summary>
public sealed record WorkListStop(long TaskId, int StopNumber, string Collection, long AssetId, string? AssetCode, string? AssetName,
    string InspectionType, string Checklist, DateOnly DueDate, string Escalation, bool ConfinedSpace, string Status, double? Lon, double? Lat);

/// <summary>A list with its stops in order, and the length in metres of visiting the located stops in asset-code
/// order (<c>CodeOrderLengthM</c>): the baseline the route is measured against.</summary>
public sealed record WorkListDetail(WorkListSummary List, IReadOnlyList<WorkListStop> Stops, double CodeOrderLengthM);

/// <summary>Reads work lists: summaries by day, crew, district or member, and one list with its stops.</summary>
public sealed class WorkListReader(NpgsqlDataSource dataSource)
{
    /// <summary>Lists matching every given filter (null: any), newest day first, at most 1,000;
    /// <paramref name="member"/> is a user name that must be among the crew's members.</summary>
    public Task<IReadOnlyList<WorkListSummary>> FindAsync(DateOnly? day, int? crewId, string? district, string? member, CancellationToken ct) =>
        FindAsync(day, crewId, district, member, null, ct);

    /// <summary>The list <paramref name="id"/> with its stops in stop order.</summary>
    /// <exception cref="NotFoundException">There is no such list.</exception>
    public async Task<WorkListDetail> ReadAsync(long id, CancellationToken ct)
    {
        var summary = (await FindAsync(null, null, null, null, id, ct)).SingleOrDefault()
                      ?? throw new NotFoundException($"There is no work list {id}.");
        var stops = new List<WorkListStop>();
        await using (var cmd = dataSource.CreateCommand(WorkListSql.Stops))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                stops.Add(new WorkListStop(reader.GetInt64(0), reader.IsDBNull(1) ? 0 : reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6),
                    reader.GetString(7), reader.GetFieldValue<DateOnly>(8), reader.GetString(9), reader.GetBoolean(10), reader.GetString(11),
                    reader.IsDBNull(12) ? null : reader.GetDouble(12), reader.IsDBNull(13) ? null : reader.GetDouble(13)));
        }
        var centres = await DistrictCentres.ReadAsync(dataSource, ct);
        return new WorkListDetail(summary, stops, CodeOrderLength(stops, centres.TryGetValue(summary.District, out var centre) ? centre : null));
    }

    private async Task<IReadOnlyList<WorkListSummary>> FindAsync(DateOnly? day, int? crewId, string? district, string? member, long? id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(WorkListSql.Summaries);
        cmd.Parameters.Add(new NpgsqlParameter { Value = day.HasValue ? day.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = crewId.HasValue ? crewId.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)district ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)member ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = id.HasValue ? id.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var lists = new List<WorkListSummary>();
        while (await reader.ReadAsync(ct))
            lists.Add(new WorkListSummary(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateOnly>(5), reader.GetInt32(6), reader.GetDouble(7), reader.IsDBNull(8) ? null : reader.GetInt64(8),
                reader.GetInt32(9), reader.GetInt32(10), reader.GetBoolean(11), reader.IsDBNull(12) ? null : reader.GetString(12)));
        return lists;
    }

    /// <summary>Length of the located stops in asset-code order, metres, in the district's frame (as the build
    /// measured the route), or around the stops' mean when the district has no boundary.</summary>
    private static double CodeOrderLength(IReadOnlyList<WorkListStop> stops, (double Lon, double Lat)? centre)
    {
        var located = stops.Where(s => s is { Lon: not null, Lat: not null, AssetCode: not null })
            .OrderBy(s => s.AssetCode, StringComparer.Ordinal).ThenBy(s => s.TaskId).ToList();
        if (located.Count < 2) return 0;
        var frame = centre is { } c ? new LocalMetricFrame(c.Lon, c.Lat) : LocalMetricFrame.Around(located.Select(s => (s.Lon!.Value, s.Lat!.Value)).ToList());
        var points = located.Select(s => frame.Project(s.Lon!.Value, s.Lat!.Value)).ToList();
        return RouteOrdering.PathLength(points, Enumerable.Range(0, points.Count).ToList());
    }
}

/// <summary>District centroids, the origins of the districts' metric frames.</summary>
internal static class DistrictCentres
{
    /// <summary>Adcode → centroid (lon, lat degrees WGS 84) of every district; eleven rows.</summary>
    public static async Task<Dictionary<string, (double Lon, double Lat)>> ReadAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadAsync(connection, null, ct);
    }

    /// <summary>The same on an open connection, inside <paramref name="tx"/> when given.</summary>
    public static async Task<Dictionary<string, (double Lon, double Lat)>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(WorkListSql.DistrictCentres, connection, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var centres = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct)) centres[reader.GetString(0)] = (reader.GetDouble(1), reader.GetDouble(2));
        return centres;
    }
}
