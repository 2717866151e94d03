using AssetRegistry.Domain.Inspections;

namespace AssetRegistry.Domain.WorkLists;

/// <summary>An open task waiting for a list, with where its asset is (WGS 84 degrees, the point on surface).</summary>
public sealed record PlanningTask(long Id, string District, int Priority, string Escalation, DateOnly DueDate, string AssetCode, double Lon, double Lat);

/// <summary>A crew as the planner sees it: the districts it covers and how many more tasks it can take that day.</summary>
public sealed record PlanningCrew(int Id, string Name, IReadOnlyList<string> Districts, int RemainingCapacity);

/// <summary>One planned list: the crew, the district and the task ids in stop order, with the straight-line route
/// length in that order and the length of visiting the same stops in asset-code order (the baseline), metres.</summary>
public sealed record PlannedWorkList(int CrewId, string District, IReadOnlyList<long> TaskIds, double RouteLengthMetres, double CodeOrderLengthMetres);

/// <summary>How many tasks of a district something happened to.</summary>
public sealed record DistrictTaskCount(string District, int Tasks);

/// <summary>The planner's answer: the lists, the tasks in districts no crew covers (<c>Uncovered</c>) and the
/// tasks left for a later day because the district's crews were full (<c>Deferred</c>).</summary>
public sealed record WorkListPlan(IReadOnlyList<PlannedWorkList> Lists, IReadOnlyList<DistrictTaskCount> Uncovered, IReadOnlyList<DistrictTaskCount> Deferred);

/// <summary>
/// Decides which crew does which task and in what order, without touching the database.
/// <list type="number">
/// <item>Urgency: red-card, then yellow-card tasks, then by priority (lower first), then the longest overdue; within
/// equal urgency, along a Hilbert curve over the district, so that when capacity runs short the tasks that fit
/// form one compact region instead of a scatter.</item>
/// <item>Capacity: in that order each task takes a place with a crew covering its district that has room,
/// preferring crews that cover fewer districts (generalists stay free for districts only they cover), then the one
/// with most room. This fixes how many tasks each crew does in each district; tasks for which no crew has room are
/// deferred, tasks in districts no crew covers are reported as uncovered.</item>
/// <item>Territory: the district's chosen tasks are cut among its crews by <see cref="RecursiveBisection"/> on the
/// local metric frame, each crew getting a compact part of exactly its count.</item>
/// <item>Route: each part is ordered by <see cref="RouteOrdering"/> (nearest neighbour + 2-opt, straight lines in
/// metres in a <see cref="LocalMetricFrame"/> around the district's centroid).</item>
/// </list>
/// One list per crew and district. Cost: dominated by 2-opt, O(c²) per pass for a list of c stops.
/// </summary>
public static class WorkListPlanner
{
    /// <summary>Plans lists for <paramref name="tasks"/> with <paramref name="crews"/>. <paramref name="districtCentres"/>
    /// gives the origin (lon, lat degrees) of each district's metric frame, normally its centroid; a district missing
    /// there is measured around the mean of its tasks.</summary>
    public static WorkListPlan Plan(IReadOnlyList<PlanningTask> tasks, IReadOnlyList<PlanningCrew> crews,
        IReadOnlyDictionary<string, (double Lon, double Lat)>? districtCentres = null)
    {
        var districts = tasks.GroupBy(t => t.District, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g =>
            {
                var list = g.ToList();
                var frame = districtCentres is not null && districtCentres.TryGetValue(g.Key, out var centre)
                    ? new LocalMetricFrame(centre.Lon, centre.Lat)
                    : LocalMetricFrame.Around(list.Select(t => (t.Lon, t.Lat)).ToList());
                return new DistrictTasks(list, frame);
            }, StringComparer.Ordinal);
        var crewsByDistrict = districts.Keys.ToDictionary(d => d,
            d => crews.Where(c => c.Districts.Contains(d, StringComparer.Ordinal)).OrderBy(c => c.Id).ToList(), StringComparer.Ordinal);

        var uncovered = crewsByDistrict.Where(kv => kv.Value.Count == 0)
            .Select(kv => new DistrictTaskCount(kv.Key, districts[kv.Key].Tasks.Count)).OrderBy(c => c.District, StringComparer.Ordinal).ToList();

        var room = crews.ToDictionary(c => c.Id, c => Math.Max(0, c.RemainingCapacity));
        var quotas = new Dictionary<(int Crew, string District), int>();
        var chosen = districts.Keys.ToDictionary(d => d, _ => new List<int>(), StringComparer.Ordinal);
        var deferred = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = districts.SelectMany(d => d.Value.Tasks.Select((t, i) => (Task: t, Index: i, Key: d.Value.Keys[i])))
            .Where(e => crewsByDistrict[e.Task.District].Count > 0)
            .OrderBy(e => CardRank(e.Task.Escalation)).ThenBy(e => e.Task.Priority).ThenBy(e => e.Task.DueDate)
            .ThenBy(e => e.Task.District, StringComparer.Ordinal).ThenBy(e => e.Key).ThenBy(e => e.Task.Id);
        foreach (var (task, index, _) in queue)
        {
            var crew = crewsByDistrict[task.District].Where(c => room[c.Id] > 0)
                .OrderBy(c => c.Districts.Count).ThenByDescending(c => room[c.Id]).ThenBy(c => c.Id).FirstOrDefault();
            if (crew is null)
            {
                deferred[task.District] = deferred.GetValueOrDefault(task.District) + 1;
                continue;
            }
            room[crew.Id]--;
            quotas[(crew.Id, task.District)] = quotas.GetValueOrDefault((crew.Id, task.District)) + 1;
            chosen[task.District].Add(index);
        }

        var lists = new List<PlannedWorkList>();
        foreach (var (district, group) in districts.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var picked = chosen[district];
            if (picked.Count == 0) continue;
            var districtCrews = crewsByDistrict[district].Where(c => quotas.ContainsKey((c.Id, district))).ToList();
            var points = picked.Select(i => group.Points[i]).ToList();
            var parts = RecursiveBisection.Split(points, districtCrews.Select(c => quotas[(c.Id, district)]).ToList());
            for (var k = 0; k < districtCrews.Count; k++)
            {
                var stops = parts[k].Select(p => picked[p]).ToList();
                var stopPoints = stops.Select(i => group.Points[i]).ToList();
                var route = RouteOrdering.Plan(stopPoints);
                var codeOrder = Enumerable.Range(0, stops.Count)
                    .OrderBy(s => group.Tasks[stops[s]].AssetCode, StringComparer.Ordinal).ThenBy(s => group.Tasks[stops[s]].Id).ToList();
                lists.Add(new PlannedWorkList(districtCrews[k].Id, district,
                    route.Order.Select(s => group.Tasks[stops[s]].Id).ToList(), route.LengthMetres, RouteOrdering.PathLength(stopPoints, codeOrder)));
            }
        }
        return new WorkListPlan(lists, uncovered,
            deferred.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new DistrictTaskCount(d.Key, d.Value)).ToList());
    }

    private static int CardRank(string escalation) => escalation switch
    {
        EscalationCards.Red => 0,
        EscalationCards.Yellow => 1,
        _ => 2,
    };

    /// <summary>A district's tasks projected into the district's frame, with their Hilbert keys.</summary>
    private sealed class DistrictTasks
    {
        public DistrictTasks(List<PlanningTask> tasks, LocalMetricFrame frame)
        {
            Tasks = tasks;
            Points = tasks.Select(t => frame.Project(t.Lon, t.Lat)).ToList();
            // A square box keeps the curve's cells square, so closeness on the curve is closeness in metres.
            var (minX, minY) = (Points.Min(p => p.X), Points.Min(p => p.Y));
            var side = Math.Max(Points.Max(p => p.X) - minX, Points.Max(p => p.Y) - minY);
            Keys = Points.Select(p => HilbertIndex.Of(p, minX, minY, minX + side, minY + side)).ToList();
        }

        public List<PlanningTask> Tasks { get; }
        public List<PlanarPoint> Points { get; }
        public List<long> Keys { get; }
    }
}
