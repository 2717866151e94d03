using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.WorkLists;

namespace AssetRegistry.Tests.WorkLists;

/// <summary>The pure parts of work lists: the metric frame, the route heuristic, the territory split and the planner.</summary>
public sealed class RouteOrderingTests
{
    private static PlanarPoint P(double x, double y) => new(x, y);

    [Fact]
    public void Plan_SquareOfPoints_FollowsThePerimeter()
    {
        // Corners and edge midpoints of a 100 m square, given in a scrambled order.
        var stops = new[] { P(100, 100), P(0, 0), P(50, 100), P(100, 0), P(0, 50), P(100, 50), P(0, 100), P(50, 0) };
        var route = RouteOrdering.Plan(stops);

        Assert.Equal(stops.Length, route.Order.Distinct().Count());
        // An open walk round the perimeter: seven legs of 50 m, no diagonal.
        Assert.Equal(350, route.LengthMetres, 6);
        for (var i = 1; i < route.Order.Count; i++)
            Assert.Equal(50, stops[route.Order[i - 1]].DistanceTo(stops[route.Order[i]]), 6);
    }

    [Fact]
    public void TwoOpt_RemovesACrossing()
    {
        var stops = new[] { P(0, 0), P(100, 0), P(100, 100), P(0, 100) };
        // 0 → 2 → 1 → 3 crosses itself: two diagonals and a side.
        var order = new[] { 0, 2, 1, 3 };
        Assert.Equal(100 + 2 * Math.Sqrt(2) * 100, RouteOrdering.PathLength(stops, order), 6);

        var reversals = RouteOrdering.TwoOpt(stops, order);

        Assert.True(reversals > 0);
        Assert.Equal(300, RouteOrdering.PathLength(stops, order), 6);
        // Three sides of the square, no diagonal left.
        for (var i = 1; i < order.Length; i++) Assert.Equal(100, stops[order[i - 1]].DistanceTo(stops[order[i]]), 6);
    }

    [Fact]
    public void TwoOpt_OnAnUncrossedPath_ChangesNothing()
    {
        var stops = new[] { P(0, 0), P(100, 0), P(100, 100), P(0, 100) };
        var order = new[] { 0, 1, 2, 3 };
        Assert.Equal(0, RouteOrdering.TwoOpt(stops, order));
        Assert.Equal(new[] { 0, 1, 2, 3 }, order);
    }

    [Fact]
    public void Plan_NeverLongerThanNearestNeighbourAlone()
    {
        var random = new Random(7);
        var stops = Enumerable.Range(0, 200).Select(_ => P(random.NextDouble() * 5000, random.NextDouble() * 3000)).ToList();
        var nearest = RouteOrdering.NearestNeighbour(stops, 0);
        var route = RouteOrdering.Plan(stops);
        Assert.Equal(200, route.Order.Distinct().Count());
        Assert.True(route.LengthMetres < RouteOrdering.PathLength(stops, nearest));
        Assert.True(route.LengthMetres < RouteOrdering.PathLength(stops, Enumerable.Range(0, 200).ToList()) / 3);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Plan_FewerThanTwoStops_HasLengthZero(int count)
    {
        var route = RouteOrdering.Plan(Enumerable.Repeat(P(5, 5), count).ToList());
        Assert.Equal(count, route.Order.Count);
        Assert.Equal(0, route.LengthMetres);
    }

    [Fact]
    public void LocalMetricFrame_EastWestStepAtQuanzhou_IsItsGeodesicLength()
    {
        // PostGIS: ST_Distance of (118.60 24.9) and (118.61 24.9) as geography (spheroid) = 1010.316 m;
        // northwards 0.01° from 24.9° is 1107.715 m.
        var frame = new LocalMetricFrame(118.6, 24.9);
        Assert.Equal(1010.316, frame.Project(118.6, 24.9).DistanceTo(frame.Project(118.61, 24.9)), 1);
        Assert.Equal(1107.715, frame.Project(118.6, 24.9).DistanceTo(frame.Project(118.6, 24.91)), 0);
        Assert.Equal(new PlanarPoint(0, 0), frame.Project(118.6, 24.9));
    }

    [Fact]
    public void RecursiveBisection_TwoClustersForTwoCrews_GivesEachCrewOneCluster()
    {
        var west = Enumerable.Range(0, 6).Select(i => P(i * 10, i % 2 * 10));
        var east = Enumerable.Range(0, 4).Select(i => P(5000 + i * 10, i % 2 * 10));
        var points = west.Concat(east).Reverse().ToList();

        var groups = RecursiveBisection.Split(points, [6, 4]);

        Assert.All(groups[0], i => Assert.True(points[i].X < 1000));
        Assert.All(groups[1], i => Assert.True(points[i].X >= 5000));
        Assert.Equal(Enumerable.Range(0, 10), groups.SelectMany(g => g).Order());
    }

    [Fact]
    public void RecursiveBisection_SizesNotAddingUp_Throws() =>
        Assert.Throws<ArgumentException>(() => RecursiveBisection.Split([P(0, 0), P(1, 1)], [1]));

    [Fact]
    public void Planner_CapacityShort_TakesCardedAndUrgentTasksFirst()
    {
        var day = new DateOnly(2026, 3, 10);
        PlanningTask Task(long id, int priority = 100, string card = EscalationCards.None, int overdue = 0) =>
            new(id, "350503", priority, card, day.AddDays(-overdue), $"MH-350503-{id:000000}", 118.67 + id * 0.001, 24.87);
        var tasks = new[]
        {
            Task(1), Task(2), Task(3, card: EscalationCards.Yellow), Task(4), Task(5, priority: 10), Task(6, card: EscalationCards.Red),
            Task(7, overdue: 2), Task(8),
        };
        var plan = WorkListPlanner.Plan(tasks, [new PlanningCrew(1, "丰泽一班", ["350503"], 4)]);

        var list = Assert.Single(plan.Lists);
        Assert.Equal(new long[] { 3, 5, 6, 7 }, list.TaskIds.Order());
        Assert.Equal(new DistrictTaskCount("350503", 4), Assert.Single(plan.Deferred));
        Assert.Empty(plan.Uncovered);
    }

    [Fact]
    public void Planner_DistrictNoCrewCovers_IsReportedNotDropped()
    {
        var tasks = new[]
        {
            new PlanningTask(1, "350503", 100, EscalationCards.None, new DateOnly(2026, 3, 10), "MH-1", 118.67, 24.87),
            new PlanningTask(2, "350581", 100, EscalationCards.None, new DateOnly(2026, 3, 10), "MH-2", 118.68, 24.74),
        };
        var plan = WorkListPlanner.Plan(tasks, [new PlanningCrew(1, "丰泽一班", ["350503"], 10)]);
        Assert.Equal(new long[] { 1 }, Assert.Single(plan.Lists).TaskIds);
        Assert.Equal(new DistrictTaskCount("350581", 1), Assert.Single(plan.Uncovered));
    }

    [Fact]
    public void Planner_SharedDistrict_PrefersTheCrewThatCoversOnlyIt()
    {
        var day = new DateOnly(2026, 3, 10);
        var tasks = Enumerable.Range(1, 6).Select(i => new PlanningTask(i, "350503", 100, EscalationCards.None, day, $"MH-{i}", 118.67 + i * 0.001, 24.87))
            .Append(new PlanningTask(7, "350502", 100, EscalationCards.None, day, "MH-7", 118.58, 24.91)).ToList();
        var crews = new[] { new PlanningCrew(1, "机动班", ["350502", "350503"], 2), new PlanningCrew(2, "丰泽班", ["350503"], 5) };

        var plan = WorkListPlanner.Plan(tasks, crews);

        Assert.Equal(5, plan.Lists.Single(l => l is { CrewId: 2, District: "350503" }).TaskIds.Count);
        Assert.Single(plan.Lists.Single(l => l is { CrewId: 1, District: "350503" }).TaskIds);
        Assert.Equal(new long[] { 7 }, plan.Lists.Single(l => l is { CrewId: 1, District: "350502" }).TaskIds);
        Assert.Empty(plan.Deferred);
    }
}
