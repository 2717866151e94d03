using System.Diagnostics;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Inspections;
using Npgsql;
using NpgsqlTypes;

namespace AssetRegistry.Domain.WorkLists;

/// <summary>A list a build created. <c>RouteLengthM</c> is the straight-line route in stop order and
/// <c>CodeOrderLengthM</c> the same stops visited in asset-code order (the baseline), both metres.</summary>
public sealed record BuiltWorkList(long Id, int CrewId, string CrewName, string District, int Sequence, int Stops,
    double RouteLengthM, double CodeOrderLengthM);

/// <summary>
/// What building the lists of a day did. <c>WorkDate</c> is an Asia/Shanghai calendar date; <c>CandidateTasks</c>
/// the open tasks due on or before it that were on no list; <c>Uncovered</c> the tasks, per district, that no crew
/// covers (reported, not dropped); <c>Deferred</c> those for which the district's crews had no room left (they stay
/// open for a later build); <c>Unlocated</c> tasks whose asset no longer exists (no position to route);
/// <c>Seconds</c> the build's wall time.
/// </summary>
public sealed record WorkListBuildReport(DateOnly WorkDate, int CandidateTasks, IReadOnlyList<BuiltWorkList> Lists,
    IReadOnlyList<DistrictTaskCount> Uncovered, IReadOnlyList<DistrictTaskCount> Deferred, int Unlocated, double Seconds)
{
    /// <summary>Tasks put on lists.</summary>
    public int AssignedTasks => Lists.Sum(l => l.Stops);

    /// <summary>Sum of the lists' route lengths, metres.</summary>
    public double RouteLengthM => Lists.Sum(l => l.RouteLengthM);

    /// <summary>Sum of the lists' lengths in asset-code order, metres.</summary>
    public double CodeOrderLengthM => Lists.Sum(l => l.CodeOrderLengthM);
}

/// <summary>
/// Builds a day's work lists: the open tasks due on or before the day that are on no list are grouped per crew
/// and district within each crew's daily capacity, cut into compact territories and routed (see
/// <see cref="WorkListPlanner"/> for the rules, <see cref="RouteOrdering"/> for the route). Where the registry has a
/// routed street network, each list is then ordered and measured along the streets (pgRouting distances between its
/// stops, <see cref="StreetDistanceMatrix"/>); elsewhere the route is in straight lines in a local metric frame.
/// </summary>
/// <remarks>
/// One transaction: read the candidates (one statement over every kind's point on surface), plan in memory, insert
/// the lists (one statement from arrays) and assign every task its list and stop number (one
/// <c>UPDATE … FROM unnest</c>). Builds are serialised by a transaction-scoped advisory lock. Safe to run twice:
/// tasks already on a list are not candidates, so a second build for the same day creates nothing; tasks that
/// became due since get new lists, numbered after the day's existing ones (unique per crew, day, district and
/// sequence), within the room the crew has left.
/// </remarks>
public sealed class WorkListBuilder(NpgsqlDataSource dataSource, InspectionOptions options, TimeProvider clock)
{
    /// <summary>Builds the lists for <paramref name="day"/> (default: today in the options' time zone).</summary>
    /// <exception cref="ConflictException">A planned task was put on a list or closed by someone else during the
    /// build; nothing was written.</exception>
    public async Task<WorkListBuildReport> BuildAsync(DateOnly? day = null, CancellationToken ct = default)
    {
        var workDate = day ?? options.Today(clock);
        var watch = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand(WorkListSql.LockBuilds, connection, tx))
            await lockCmd.ExecuteNonQueryAsync(ct);

        var (tasks, candidates) = await ReadCandidatesAsync(connection, tx, workDate, ct);
        var crews = await ReadCrewsAsync(connection, tx, workDate, ct);
        var centres = await DistrictCentres.ReadAsync(connection, tx, ct);
        var plan = WorkListPlanner.Plan(tasks, crews, centres);

        var built = new List<BuiltWorkList>();
        if (plan.Lists.Count > 0)
        {
            var (lists, onStreets) = await RouteOnStreetsAsync(connection, tx, plan.Lists, tasks, ct);
            var sequences = await ReadLastSequencesAsync(connection, tx, workDate, ct);
            var ids = await InsertListsAsync(connection, tx, workDate, lists, onStreets, sequences, ct);
            await AssignTasksAsync(connection, tx, lists, ids, ct);
            var names = crews.ToDictionary(c => c.Id, c => c.Name);
            built.AddRange(lists.Select((l, i) => new BuiltWorkList(ids[i].Id, l.CrewId, names[l.CrewId], l.District, ids[i].Sequence,
                l.TaskIds.Count, l.RouteLengthMetres, l.CodeOrderLengthMetres)));
        }
        await tx.CommitAsync(ct);
        return new WorkListBuildReport(workDate, candidates, built, plan.Uncovered, plan.Deferred, candidates - tasks.Count, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Re-orders and re-measures each planned list along the street network when there is one near its
    /// stops (nearest neighbour + 2-opt on the street distances, from the straight-line route's first stop); a pair
    /// of stops the network does not join counts in straight metres. Lists away from any street keep their
    /// straight-line route. One pgRouting statement per list.</summary>
    private static async Task<(List<PlannedWorkList> Lists, bool[] OnStreets)> RouteOnStreetsAsync(NpgsqlConnection connection,
        NpgsqlTransaction tx, IReadOnlyList<PlannedWorkList> lists, IReadOnlyList<PlanningTask> tasks, CancellationToken ct)
    {
        var result = lists.ToList();
        var onStreets = new bool[lists.Count];
        if (!await StreetDistanceMatrix.NetworkExistsAsync(connection, tx, ct)) return (result, onStreets);
        var byId = tasks.ToDictionary(t => t.Id);
        for (var k = 0; k < lists.Count; k++)
        {
            var stops = lists[k].TaskIds.Select(id => byId[id]).ToList();
            if (stops.Count < 2) continue;
            var matrix = await StreetDistanceMatrix.ReadAsync(connection, tx, stops.Select(t => (t.Lon, t.Lat)).ToList(), ct);
            if (matrix is null) continue;
            var frame = LocalMetricFrame.Around(stops.Select(t => (t.Lon, t.Lat)).ToList());
            var points = stops.Select(t => frame.Project(t.Lon, t.Lat)).ToList();
            double Distance(int i, int j) => double.IsNaN(matrix[i, j]) ? points[i].DistanceTo(points[j]) : matrix[i, j];
            var route = RouteOrdering.Plan(stops.Count, Distance, start: 0);
            var codeOrder = Enumerable.Range(0, stops.Count)
                .OrderBy(i => stops[i].AssetCode, StringComparer.Ordinal).ThenBy(i => stops[i].Id).ToList();
            result[k] = lists[k] with
            {
                TaskIds = route.Order.Select(i => stops[i].Id).ToList(),
                RouteLengthMetres = route.LengthMetres,
                CodeOrderLengthMetres = RouteOrdering.PathLength(Distance, codeOrder),
            };
            onStreets[k] = true;
        }
        return (result, onStreets);
    }

    private static async Task<(List<PlanningTask> Located, int Candidates)> ReadCandidatesAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        DateOnly day, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(WorkListSql.CandidateTasks, connection, tx) { CommandTimeout = 600 };
        cmd.Parameters.Add(new NpgsqlParameter { Value = day });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var located = new List<PlanningTask>();
        var candidates = 0;
        while (await reader.ReadAsync(ct))
        {
            candidates++;
            if (reader.IsDBNull(6)) continue;
            located.Add(new PlanningTask(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
                reader.GetFieldValue<DateOnly>(4), reader.GetString(5), reader.GetDouble(6), reader.GetDouble(7)));
        }
        return (located, candidates);
    }

    private static async Task<List<PlanningCrew>> ReadCrewsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, DateOnly day, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(WorkListSql.CrewsWithRoom, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = day });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var crews = new List<PlanningCrew>();
        while (await reader.ReadAsync(ct))
            crews.Add(new PlanningCrew(reader.GetInt32(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetInt32(3)));
        return crews;
    }

    private static async Task<Dictionary<(int Crew, string District), int>> ReadLastSequencesAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        DateOnly day, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(WorkListSql.LastSequences, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = day });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var last = new Dictionary<(int, string), int>();
        while (await reader.ReadAsync(ct)) last[(reader.GetInt32(0), reader.GetString(1))] = reader.GetInt32(2);
        return last;
    }

    /// <summary>Inserts the lists and returns each one's id and sequence, in the order of <paramref name="lists"/>.</summary>
    private static async Task<List<(long Id, int Sequence)>> InsertListsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, DateOnly day,
        IReadOnlyList<PlannedWorkList> lists, bool[] onStreets, Dictionary<(int Crew, string District), int> lastSequences, CancellationToken ct)
    {
        var sequences = lists.Select(l => lastSequences.GetValueOrDefault((l.CrewId, l.District)) + 1).ToArray();
        await using var cmd = new NpgsqlCommand(WorkListSql.InsertLists, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = day });
        cmd.Parameters.Add(new NpgsqlParameter { Value = lists.Select(l => l.CrewId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = lists.Select(l => l.District).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = sequences, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = lists.Select(l => l.RouteLengthMetres).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
        cmd.Parameters.Add(new NpgsqlParameter { Value = onStreets, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean });
        var byKey = new Dictionary<(int, string, int), long>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                byKey[(reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3))] = reader.GetInt64(0);
        return lists.Select((l, i) => (byKey[(l.CrewId, l.District, sequences[i])], sequences[i])).ToList();
    }

    private static async Task AssignTasksAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<PlannedWorkList> lists,
        List<(long Id, int Sequence)> ids, CancellationToken ct)
    {
        var taskIds = new List<long>();
        var listIds = new List<long>();
        var stops = new List<int>();
        for (var i = 0; i < lists.Count; i++)
            for (var s = 0; s < lists[i].TaskIds.Count; s++)
            {
                taskIds.Add(lists[i].TaskIds[s]);
                listIds.Add(ids[i].Id);
                stops.Add(s + 1);
            }
        await using var cmd = new NpgsqlCommand(WorkListSql.AssignTasks, connection, tx) { CommandTimeout = 600 };
        cmd.Parameters.Add(new NpgsqlParameter { Value = taskIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = listIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = stops.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        var assigned = await cmd.ExecuteNonQueryAsync(ct);
        if (assigned != taskIds.Count)
            throw new ConflictException("date",
                $"{taskIds.Count - assigned} of the planned tasks were put on another list or closed during the build; nothing was written. Build again.");
    }
}
