using System.Text;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Inspections.Results;
using AssetRegistry.Domain.Kinds;
using Npgsql;

namespace AssetRegistry.Domain.Statistics;

/// <summary>How many assets of one kind one district holds (planned and in service; retired assets are not counted).</summary>
public sealed record AssetCount(string Collection, string KindZh, string KindEn, string District, string DistrictName, long Count);

/// <summary>A rate: <see cref="Numerator"/> ÷ <see cref="Denominator"/> × 100, for one district or (with
/// <see cref="District"/> null) the city. <see cref="Percent"/> is null when the denominator is 0.</summary>
public sealed record RateRow(string? District, string DistrictName, long Numerator, long Denominator, double? Percent);

/// <summary>
/// 井盖完好率 two ways: from inspections (the recommended definition, DOMAIN.md §5.3) and from the recorded
/// condition. <see cref="DefinitionUsed"/> names the one the headline figure uses: inspections as soon as any cover
/// has been inspected, the condition share until then.
/// </summary>
public sealed record CoverIntactStatistics(string DefinitionUsed, RateRow City, IReadOnlyList<RateRow> Districts,
    RateRow InspectedCity, IReadOnlyList<RateRow> InspectedDistricts, RateRow ConditionCity, IReadOnlyList<RateRow> ConditionDistricts,
    IReadOnlyList<StatisticsDefinition> Definitions, StatisticsTarget? Target);

/// <summary>How many assets carry one grade; <see cref="Grade"/> is empty for assets not yet graded.</summary>
public sealed record GradeCount(string Grade, long Count);

/// <summary>Sewer segments by CJJ 181 structural grade (the segment attribute) and by repair-index (RI) grade of
/// their latest CCTV survey (segments never surveyed are not in <see cref="RepairGrades"/>).</summary>
public sealed record SewerGradeStatistics(IReadOnlyList<GradeCount> StructuralGrades, IReadOnlyList<GradeCount> RepairGrades);

/// <summary>亮灯率 of one road class (empty for lamps without a road class; null <see cref="RoadClass"/> for the
/// city): lamps that should be lit, of them lit, the rate in percent and its target in percent.</summary>
public sealed record LightingRow(string? RoadClass, long ShouldBeLit, long Lit, double? Percent, double? TargetPercent);

/// <summary>The lighting rate per road class and for the city, with the definition and targets used.</summary>
public sealed record LightingStatistics(LightingRow City, IReadOnlyList<LightingRow> RoadClasses, StatisticsDefinition Definition,
    IReadOnlyList<StatisticsTarget> Targets);

/// <summary>Inspection work per district on <see cref="Date"/> (the tasks summary of the red-and-yellow-card board).</summary>
public sealed record InspectionStatistics(DateOnly Date, IReadOnlyList<DistrictTaskSummary> Districts);

/// <summary>Everything the statistics dashboard shows, read at <see cref="GeneratedAt"/>.</summary>
public sealed record StatisticsReport(DateTimeOffset GeneratedAt, IReadOnlyList<AssetCount> Assets, CoverIntactStatistics CoverIntact,
    IReadOnlyList<GradeCount> BridgeGrades, SewerGradeStatistics SewerGrades, LightingStatistics Lighting, InspectionStatistics Inspections);

/// <summary>
/// Reads the dashboard's figures in one round trip (an <see cref="NpgsqlBatch"/> of grouped statements) plus the
/// inspection summary of <see cref="InspectionTaskReader.SummaryAsync"/>. Each statement is one pass over its
/// table; "latest result" is <c>distinct on (asset_id)</c> over done tasks of the checklist.
/// </summary>
public sealed class RegistryStatistics(NpgsqlDataSource dataSource, InspectionTaskReader tasks, InspectionOptions options, TimeProvider clock)
{
    /// <summary>Assets by kind and district: one <c>UNION ALL</c> branch per kind of <see cref="AssetKinds.All"/>,
    /// table names quoted from that allow-list; each branch groups its own table by its indexed district column.</summary>
    private static readonly string AssetsSql = BuildAssetsSql();

    /// <summary>Latest cover inspection per manhole; intact when it found nothing or its remediation is done, and no
    /// remediation of the cover is still open. Grouped by the task's district.</summary>
    private const string CoverInspectedSql = """
        with latest as (
            select distinct on (t.asset_id) t.id, t.asset_id, t.district, coalesce((t.result->'computed'->>'intact')::boolean, false) as intact
            from inspection_tasks t
            where t.collection = 'manholes' and t.checklist = $1 and t.status = 'done' and t.result is not null
            order by t.asset_id, t.completed_at desc, t.id desc
        ), remedied as (
            select distinct parent_task_id as id from inspection_tasks
            where inspection_type = $2 and status = 'done' and parent_task_id is not null
        ), open_defects as (
            select distinct asset_id from inspection_tasks where collection = 'manholes' and inspection_type = $2 and status = 'open'
        )
        select l.district,
               count(*) filter (where (l.intact or r.id is not null) and o.asset_id is null),
               count(*)
        from latest l
        join manholes m on m.id = l.asset_id
        left join remedied r on r.id = l.id
        left join open_defects o on o.asset_id = l.asset_id
        group by l.district
        """;

    private const string CoverConditionSql = """
        select district, count(*) filter (where condition in ('good', 'fair')), count(*) filter (where condition <> 'unknown')
        from manholes where status = 'in_service' group by district
        """;

    private const string BridgeGradesSql = """
        select coalesce(condition_grade, ''), count(*) from bridges where status = 'in_service' group by 1
        """;

    private const string SewerStructuralSql = """
        select coalesce(structural_grade, ''), count(*) from sewer_segments where status = 'in_service' group by 1
        """;

    private const string SewerRepairSql = """
        select coalesce(l.grade, ''), count(*)
        from (select distinct on (t.asset_id) t.asset_id, t.result->'computed'->>'ri_grade' as grade
              from inspection_tasks t
              where t.collection = 'sewer_segments' and t.checklist = $1 and t.status = 'done' and t.result is not null
              order by t.asset_id, t.completed_at desc, t.id desc) l
        join sewer_segments s on s.id = l.asset_id and s.status = 'in_service'
        group by 1
        """;

    /// <summary>Latest streetlight patrol or electrical test per lamp; lit unless it reported the lamp out and the
    /// remediation it opened is not done.</summary>
    private const string LightingSql = """
        with latest as (
            select distinct on (t.asset_id) t.id, t.asset_id, coalesce((t.result->'answers'->>'lamp_out')::boolean, false) as lamp_out
            from inspection_tasks t
            where t.collection = 'streetlights' and t.checklist = any($1) and t.status = 'done' and t.result is not null
            order by t.asset_id, t.completed_at desc, t.id desc
        ), remedied as (
            select distinct parent_task_id as id from inspection_tasks
            where inspection_type = $2 and status = 'done' and parent_task_id is not null
        )
        select coalesce(s.road_class, ''), count(*), count(*) filter (where not l.lamp_out or r.id is not null)
        from latest l
        join streetlights s on s.id = l.asset_id and s.status = 'in_service'
        left join remedied r on r.id = l.id
        group by 1
        """;

    private const string DistrictNamesSql = "select adcode, name from districts order by adcode";

    /// <summary>The rules (targets, definitions) used; the defaults unless a caller sets others.</summary>
    public StatisticsRules Rules { get; init; } = StatisticsRules.Default;

    /// <summary>Reads every figure; the inspection summary is for <paramref name="day"/> (today in the inspection
    /// time zone when null).</summary>
    public async Task<StatisticsReport> ReadAsync(DateOnly? day, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.Timeout = 300;
        Add(batch, AssetsSql);
        Add(batch, CoverInspectedSql, Checklists.ManholeCover, InspectionTypes.Remediation);
        Add(batch, CoverConditionSql);
        Add(batch, BridgeGradesSql);
        Add(batch, SewerStructuralSql);
        Add(batch, SewerRepairSql, Checklists.SewerCctv);
        Add(batch, LightingSql, new[] { Checklists.Streetlight, Checklists.StreetlightElectrical }, InspectionTypes.Remediation);
        Add(batch, DistrictNamesSql);

        var assets = new List<AssetCount>();
        var inspected = new Dictionary<string, (long Intact, long Total)>();
        var condition = new Dictionary<string, (long Good, long Known)>();
        List<GradeCount> bridges, structural, repair;
        var lighting = new List<(string RoadClass, long ShouldBeLit, long Lit)>();
        var names = new Dictionary<string, string>();
        await using (var r = await batch.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var kind = AssetKinds.Find(r.GetString(0))!;
                assets.Add(new AssetCount(kind.CollectionId, kind.TitleZh, kind.TitleEn, r.GetString(1), r.GetString(2), r.GetInt64(3)));
            }
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct)) inspected[r.GetString(0)] = (r.GetInt64(1), r.GetInt64(2));
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct)) condition[r.GetString(0)] = (r.GetInt64(1), r.GetInt64(2));
            await r.NextResultAsync(ct);
            bridges = await GradesAsync(r, BridgeKind.ConditionGrades, ct);
            await r.NextResultAsync(ct);
            structural = await GradesAsync(r, SewerSegmentKind.Grades, ct);
            await r.NextResultAsync(ct);
            repair = await GradesAsync(r, SewerSegmentKind.Grades, ct);
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct)) lighting.Add((r.GetString(0), r.GetInt64(1), r.GetInt64(2)));
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct)) names[r.GetString(0)] = r.GetString(1);
        }

        var date = day ?? options.Today(clock);
        var summary = await tasks.SummaryAsync(date, ct);
        return new StatisticsReport(clock.GetUtcNow(), assets, CoverIntact(inspected, condition, names), bridges,
            new SewerGradeStatistics(structural, repair), Lighting(lighting), new InspectionStatistics(date, summary));
    }

    private CoverIntactStatistics CoverIntact(Dictionary<string, (long Intact, long Total)> inspected,
        Dictionary<string, (long Good, long Known)> condition, Dictionary<string, string> names)
    {
        var inspectedRows = names.Select(n => Rate(n.Key, n.Value, inspected.GetValueOrDefault(n.Key))).ToList();
        var conditionRows = names.Select(n => Rate(n.Key, n.Value, condition.GetValueOrDefault(n.Key))).ToList();
        var inspectedCity = Rate(null, "全市", (inspected.Values.Sum(v => v.Intact), inspected.Values.Sum(v => v.Total)));
        var conditionCity = Rate(null, "全市", (condition.Values.Sum(v => v.Good), condition.Values.Sum(v => v.Known)));
        var fromInspections = inspectedCity.Denominator > 0;
        return new CoverIntactStatistics(
            fromInspections ? Rules.CoverIntactFromInspections.Code : Rules.CoverIntactFromCondition.Code,
            fromInspections ? inspectedCity : conditionCity, fromInspections ? inspectedRows : conditionRows,
            inspectedCity, inspectedRows, conditionCity, conditionRows,
            [Rules.CoverIntactFromInspections, Rules.CoverIntactFromCondition], Rules.TargetOf(StatisticsRules.CoverIntactRate));
    }

    private LightingStatistics Lighting(List<(string RoadClass, long ShouldBeLit, long Lit)> rows)
    {
        var classes = StreetlightKind.RoadClasses.Append("").Select(c =>
        {
            var row = rows.FirstOrDefault(x => x.RoadClass == c);
            var target = c == "" ? null : Rules.Targets.FirstOrDefault(t => t.Metric == StatisticsRules.LightingRate && t.AppliesTo == c);
            return new LightingRow(c, row.ShouldBeLit, row.Lit, Percent(row.Lit, row.ShouldBeLit), target?.Percent);
        }).Where(r => r.RoadClass != "" || r.ShouldBeLit > 0).ToList();
        var city = new LightingRow(null, rows.Sum(r => r.ShouldBeLit), rows.Sum(r => r.Lit), Percent(rows.Sum(r => r.Lit), rows.Sum(r => r.ShouldBeLit)), null);
        return new LightingStatistics(city, classes, Rules.Lighting, Rules.Targets.Where(t => t.Metric == StatisticsRules.LightingRate).ToList());
    }

    private static RateRow Rate(string? district, string name, (long Numerator, long Denominator) v) =>
        new(district, name, v.Numerator, v.Denominator, Percent(v.Numerator, v.Denominator));

    /// <summary>numerator ÷ denominator × 100, rounded to two decimals; null for a zero denominator.</summary>
    public static double? Percent(long numerator, long denominator) =>
        denominator == 0 ? null : Math.Round(100.0 * numerator / denominator, 2, MidpointRounding.AwayFromZero);

    /// <summary>Counts in the order of <paramref name="grades"/> (every grade, zero when absent), then the ungraded
    /// (empty grade) when there are any, then unknown codes.</summary>
    private static async Task<List<GradeCount>> GradesAsync(NpgsqlDataReader r, IReadOnlyList<string> grades, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>();
        while (await r.ReadAsync(ct)) counts[r.GetString(0)] = r.GetInt64(1);
        var list = grades.Select(g => new GradeCount(g, counts.GetValueOrDefault(g))).ToList();
        if (counts.TryGetValue("", out var ungraded)) list.Add(new GradeCount("", ungraded));
        list.AddRange(counts.Where(c => c.Key != "" && !grades.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new GradeCount(c.Key, c.Value)));
        return list;
    }

    private static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v });
        batch.BatchCommands.Add(command);
    }

    private static string BuildAssetsSql()
    {
        var sql = new StringBuilder("select a.collection, a.district, d.name, a.n from (");
        var first = true;
        foreach (var kind in AssetKinds.All)
        {
            if (!first) sql.Append(" union all ");
            first = false;
            sql.Append("select '").Append(kind.CollectionId).Append("'::text as collection, district, count(*) as n from ")
                .Append(FeatureSql.Quote(kind.Table)).Append(" where status <> 'retired' group by district");
        }
        return sql.Append(") a join districts d on d.adcode = a.district order by a.district, a.collection").ToString();
    }
}
