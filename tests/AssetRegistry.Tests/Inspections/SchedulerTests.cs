using AssetRegistry.Domain.Inspections;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Inspections;

/// <summary>The daily scheduler: the right tasks, idempotent in the database, seasons, last-done dates, cards.</summary>
public sealed class SchedulerTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private static readonly DateOnly Day = new(2026, 3, 10);
    private readonly InspectionOptions _options = new();

    private InspectionScheduler Scheduler() => new(Fixture.Db, _options, TimeProvider.System);

    private async Task<(long Bridge, long Manhole, long Tree, long Light)> FixtureCityAsync()
    {
        var c = Fixture.Client();
        var (x, y) = Fengze;
        var bridge = await c.CreateAsync("bridges", Feature(Line((x, y), (x + 0.001, y)), new()
        {
            ["structure_type"] = "beam", ["maintenance_grade"] = "1", ["maintenance_category"] = "III",
            ["last_periodic_inspection"] = Day.AddDays(-400).ToString("yyyy-MM-dd"), ["last_structural_inspection"] = "2024-05-01",
        }));
        var manhole = await c.CreateAsync("manholes", Feature(Point(x, y + 0.001), new() { ["network"] = "sewage" }));
        var tree = await c.CreateAsync("ancient_trees", Feature(Point(x, y + 0.002), new() { ["species"] = "榕树", ["protection_grade"] = "grade_1" }));
        var light = await c.CreateAsync("streetlights", Feature(Point(x, y + 0.003), new() { ["lamp_type"] = "led", ["status"] = "retired" }));
        return (bridge.Id, manhole.Id, tree.Id, light.Id);
    }

    private Task<long> TasksAsync(string where = "true", params object[] args) =>
        Fixture.ScalarAsync<long>($"select count(*) from inspection_tasks t join inspection_rules r on r.id = t.rule_id where {where}", args);

    [Fact]
    public async Task Run_CreatesTheDueTasksOfEachRule()
    {
        var (bridge, manhole, tree, light) = await FixtureCityAsync();
        var report = await Scheduler().RunAsync(Day);

        // Bridge, grade Ⅰ: a daily routine patrol, due today on its first cycle (id mod 1 = 0).
        Assert.Equal(1L, await TasksAsync("r.code = 'bridges.routine_patrol.grade_1' and t.asset_id = $1 and t.due_date = $2", bridge, Day));
        // Periodic inspection from last_periodic_inspection + 365 = 35 days overdue.
        Assert.Equal(1L, await TasksAsync("r.code = 'bridges.periodic_inspection' and t.due_date = $1", Day.AddDays(-35)));
        // Structural inspection last done 2024-05-01, not due for six years: nothing.
        Assert.Equal(0L, await TasksAsync("r.inspection_type = 'structural_inspection'"));
        // Grade-2 patrols do not apply to a grade-1 bridge.
        Assert.Equal(0L, await TasksAsync("r.code like 'bridges.routine_patrol.grade_2%'"));
        // Manhole: monthly patrol spread over the first cycle: due on day + id mod 30, created only within 7 days.
        var manholeDue = Day.AddDays((int)(manhole % 30));
        Assert.Equal(manholeDue <= Day.AddDays(7) ? 1L : 0L, await TasksAsync("t.asset_id = $1", manhole));
        // Tree grade 1: patrol, health check and pest check rules all apply (if due in the horizon).
        foreach (var (code, interval) in new[] { ("ancient_trees.patrol.grade_1", 30), ("ancient_trees.health_check.grade_1", 182), ("ancient_trees.pest_check.grade_1", 91) })
            Assert.Equal(Day.AddDays((int)(tree % interval)) <= Day.AddDays(7) ? 1L : 0L, await TasksAsync("r.code = $1 and t.asset_id = $2", code, tree));
        // Retired assets are never scheduled.
        Assert.Equal(0L, await TasksAsync("t.asset_id = $1", light));
        Assert.Equal(report.Created, (int)await TasksAsync());
        Assert.All(report.Rules, r => Assert.Null(r.Problem));
    }

    [Fact]
    public async Task SecondRun_CreatesNothing()
    {
        await FixtureCityAsync();
        var first = await Scheduler().RunAsync(Day);
        var second = await Scheduler().RunAsync(Day);
        Assert.True(first.Created > 0);
        Assert.Equal(0, second.Created);
        Assert.Equal(first.Created, (int)await TasksAsync());
    }

    [Fact]
    public async Task TwoSchedulersAtOnce_CreateNoDuplicates()
    {
        await FixtureCityAsync();
        var runs = await Task.WhenAll(Scheduler().RunAsync(Day), Scheduler().RunAsync(Day), Scheduler().RunAsync(Day));
        var total = await TasksAsync();
        Assert.Equal(runs.Sum(r => r.Created), (int)total);
        Assert.Equal(0L, await Fixture.ScalarAsync<long>(
            "select count(*) from (select rule_id, asset_id from inspection_tasks group by 1, 2 having count(*) > 1) d"));
    }

    [Fact]
    public async Task DoneTask_NextDueIsCompletionPlusInterval()
    {
        var (bridge, _, _, _) = await FixtureCityAsync();
        await Scheduler().RunAsync(Day);
        await Fixture.ScalarAsync<int>("""
            update inspection_tasks t set status = 'done', completed_at = '2026-03-10 09:00+08' from inspection_rules r
            where r.id = t.rule_id and r.code = 'bridges.periodic_inspection' returning 1
            """);
        // A year minus 8 days later the next periodic inspection is within the 7-day horizon only after day 358.
        var early = await Scheduler().RunAsync(Day.AddDays(357));
        Assert.Equal(0, early.Rules.Single(r => r.RuleCode == "bridges.periodic_inspection").Created);
        await Scheduler().RunAsync(Day.AddDays(358));
        Assert.Equal(1L, await TasksAsync("r.code = 'bridges.periodic_inspection' and t.status = 'open' and t.due_date = $1 and t.asset_id = $2",
            Day.AddDays(365), bridge));
    }

    [Fact]
    public async Task SeasonalRules_OnlyInTheirMonths()
    {
        var c = Fixture.Client();
        await c.CreateAsync("waterlogging_points", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["risk_level"] = "high", ["remediation_status"] = "open" }));
        var june = await Scheduler().RunAsync(new DateOnly(2026, 6, 10));
        Assert.Equal(0, june.Rules.Single(r => r.RuleCode == "waterlogging_points.pre_flood").Created);
        Assert.Equal(0L, await TasksAsync());
        // In March a never-surveyed point is due at once; running daily through the season adds nothing more.
        var march = await Scheduler().RunAsync(new DateOnly(2026, 3, 2));
        Assert.Equal(1, march.Rules.Single(r => r.RuleCode == "waterlogging_points.pre_flood").Created);
        for (var d = new DateOnly(2026, 3, 3); d <= new DateOnly(2026, 4, 30); d = d.AddDays(7))
            await Scheduler().RunAsync(d);
        Assert.Equal(1L, await TasksAsync("r.code = 'waterlogging_points.pre_flood' and t.due_date = '2026-03-02'"));
    }

    [Fact]
    public async Task Escalation_YellowThenRedCards()
    {
        await FixtureCityAsync();
        await Scheduler().RunAsync(Day);
        // The periodic inspection is 35 days overdue: red. Due today: none.
        var changed = await Scheduler().EscalateAsync(Day);
        Assert.True(changed >= 1);
        Assert.Equal("red", await Fixture.ScalarAsync<string>(
            "select t.escalation from inspection_tasks t join inspection_rules r on r.id = t.rule_id where r.code = 'bridges.periodic_inspection'"));
        Assert.Equal("none", await Fixture.ScalarAsync<string>(
            "select t.escalation from inspection_tasks t join inspection_rules r on r.id = t.rule_id where r.code = 'bridges.routine_patrol.grade_1'"));
        // Four days later the routine patrol (due on Day) is past the 3-day yellow mark.
        await Scheduler().EscalateAsync(Day.AddDays(4));
        Assert.Equal("yellow", await Fixture.ScalarAsync<string>(
            "select t.escalation from inspection_tasks t join inspection_rules r on r.id = t.rule_id where r.code = 'bridges.routine_patrol.grade_1'"));
        Assert.Equal(0, await Scheduler().EscalateAsync(Day.AddDays(4)));
    }

    [Fact]
    public async Task RuleNamingAnUnknownAttribute_IsReportedAndSkipped()
    {
        await FixtureCityAsync();
        await Fixture.ScalarAsync<int>("update inspection_rules set filter_attribute = 'colour' where code = 'bridges.routine_patrol.grade_1' returning 1");
        var report = await Scheduler().RunAsync(Day);
        Assert.Contains("colour", report.Rules.Single(r => r.RuleCode == "bridges.routine_patrol.grade_1").Problem);
        Assert.Equal(0L, await TasksAsync("r.code = 'bridges.routine_patrol.grade_1'"));
    }

    [Fact]
    public void DefaultRules_AllBuildAndCarryASource()
    {
        Assert.All(DefaultInspectionRules.All, r =>
        {
            Assert.Null(InspectionScheduler.BuildSql(r).Problem);
            Assert.False(string.IsNullOrWhiteSpace(r.Source));
            Assert.Contains(r.Verification, new[] { "verified", "partly_verified", "unverified" });
        });
        Assert.Equal(DefaultInspectionRules.All.Count, DefaultInspectionRules.All.Select(r => r.Code).Distinct().Count());
    }

    [Fact]
    public async Task RunKilledHalfwayThenRerun_EndsWithTheTasksOfOneCleanRun()
    {
        await FixtureCityAsync();
        await Scheduler().RunAsync(Day);
        var clean = await Fixture.ScalarAsync<string>(
            "select string_agg(rule_id || ':' || asset_id || ':' || due_date, ',' order by rule_id, asset_id) from inspection_tasks");
        await Fixture.ScalarAsync<int>("truncate inspection_tasks cascade; select 1");

        // A run that dies after half the rules: each rule's insert is its own statement, so the first half stands.
        await Fixture.ScalarAsync<int>("update inspection_rules set active = false where id > (select max(id) / 2 from inspection_rules); select 1");
        await Scheduler().RunAsync(Day);
        Assert.True(await TasksAsync() > 0);
        await Fixture.ScalarAsync<int>("update inspection_rules set active = true; select 1");
        await Scheduler().RunAsync(Day);

        Assert.Equal(clean, await Fixture.ScalarAsync<string>(
            "select string_agg(rule_id || ':' || asset_id || ':' || due_date, ',' order by rule_id, asset_id) from inspection_tasks"));
    }
}
