using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Kinds;

namespace AssetRegistry.Domain.Statistics;

/// <summary>A column of a downloadable table: Chinese and English headers.</summary>
public sealed record TableColumn(string TitleZh, string TitleEn);

/// <summary>
/// The numbers behind one chart of the dashboard, as a table for CSV and XLSX downloads. Cells are text, whole
/// numbers (<see cref="long"/>), decimals (<see cref="double"/>, percent where the header says %) or null (no
/// value). <see cref="Notes"/> carries the definitions and targets with their sources.
/// </summary>
public sealed record StatisticsTable(string Chart, string TitleZh, string TitleEn, IReadOnlyList<TableColumn> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows, IReadOnlyList<string> Notes);

/// <summary>Turns a <see cref="StatisticsReport"/> into one table per chart, with the same numbers the API returns.</summary>
public static class StatisticsTables
{
    public const string Assets = "assets";
    public const string CoverIntact = "cover-intact";
    public const string BridgeGrades = "bridge-grades";
    public const string SewerGrades = "sewer-grades";
    public const string Lighting = "lighting";
    public const string Inspections = "inspections";

    /// <summary>Every chart id, in the dashboard's order.</summary>
    public static readonly IReadOnlyList<string> Charts = [Assets, CoverIntact, BridgeGrades, SewerGrades, Lighting, Inspections];

    /// <summary>Chinese names of streetlight road classes (codes of <see cref="StreetlightKind.RoadClasses"/>); empty is unrecorded.</summary>
    public static readonly IReadOnlyDictionary<string, string> RoadClassesZh = new Dictionary<string, string>
    {
        ["expressway"] = "快速路", ["arterial"] = "主干道", ["secondary"] = "次干道", ["branch"] = "支路", ["back_lane"] = "背街巷道", [""] = "未填道路等级",
    };

    private static readonly TableColumn AdcodeColumn = new("行政区代码", "Adcode");
    private static readonly TableColumn DistrictColumn = new("行政区", "District");

    /// <summary>The table of <paramref name="chart"/> (one of <see cref="Charts"/>); null for an unknown chart.</summary>
    public static StatisticsTable? Of(StatisticsReport report, string chart) => chart switch
    {
        Assets => AssetsTable(report),
        CoverIntact => CoverIntactTable(report.CoverIntact),
        BridgeGrades => new StatisticsTable(chart, "桥梁完好状态等级", "Bridge condition grades",
            [new("等级", "Grade"), new("座数", "Bridges")],
            report.BridgeGrades.Select(g => Row(g.Grade == "" ? "未评定" : g.Grade, g.Count)).ToList(),
            ["CJJ 99-2017 完好状态等级 A–E (BCI); 在役桥梁 / in-service bridges (DOMAIN.md §1.4)"]),
        SewerGrades => SewerTable(report.SewerGrades),
        Lighting => LightingTable(report.Lighting),
        Inspections => InspectionsTable(report.Inspections),
        _ => null,
    };

    private static StatisticsTable AssetsTable(StatisticsReport report)
    {
        var kinds = AssetKinds.All;
        var columns = new List<TableColumn> { AdcodeColumn, DistrictColumn };
        columns.AddRange(kinds.Select(k => new TableColumn(k.TitleZh, k.TitleEn)));
        columns.Add(new("合计", "Total"));
        var rows = report.Assets.GroupBy(a => (a.District, a.DistrictName)).OrderBy(g => g.Key.District, StringComparer.Ordinal)
            .Select(g =>
            {
                var cells = new List<object?> { g.Key.District, g.Key.DistrictName };
                cells.AddRange(kinds.Select(k => (object?)(g.FirstOrDefault(a => a.Collection == k.CollectionId)?.Count ?? 0L)));
                cells.Add(g.Sum(a => a.Count));
                return (IReadOnlyList<object?>)cells;
            }).ToList();
        var total = new List<object?> { "", "全市" };
        total.AddRange(kinds.Select(k => (object?)report.Assets.Where(a => a.Collection == k.CollectionId).Sum(a => a.Count)));
        total.Add(report.Assets.Sum(a => a.Count));
        rows.Add(total);
        return new StatisticsTable(Assets, "各区资产数量", "Assets by kind and district", columns, rows,
            ["规划中与在役资产，不含已退役 / planned and in-service assets, retired ones excluded"]);
    }

    private static StatisticsTable CoverIntactTable(CoverIntactStatistics s)
    {
        var rows = s.InspectedDistricts.Zip(s.ConditionDistricts, (inspected, condition) => (Inspected: inspected, Condition: condition))
            .Append((Inspected: s.InspectedCity, Condition: s.ConditionCity))
            .Select(p => Row(p.Inspected.District ?? "", p.Inspected.DistrictName, p.Inspected.Denominator, p.Inspected.Numerator, p.Inspected.Percent,
                p.Condition.Denominator, p.Condition.Numerator, p.Condition.Percent, s.Target?.Percent))
            .ToList();
        var notes = s.Definitions.Select(d => $"{d.Code}: {d.TitleZh} = {d.FormulaZh} / {d.FormulaEn} — {d.Provenance.Source}").ToList();
        notes.Insert(0, $"headline definition: {s.DefinitionUsed}");
        if (s.Target is { } t) notes.Add($"target {t.Code}: {t.TitleZh} {t.Percent}% — {t.Provenance.Source}");
        return new StatisticsTable(CoverIntact, "井盖完好率", "Manhole cover intact rate",
        [
            AdcodeColumn, DistrictColumn, new("已巡查井盖", "Covers inspected"), new("无未处置病害", "No open defect"), new("完好率 %", "Intact rate %"),
            new("状况已知检查井", "Manholes of known condition"), new("良好或一般", "Good or fair"), new("良好率 %", "Good-or-fair share %"),
            new("目标 %", "Target %"),
        ], rows, notes);
    }

    private static StatisticsTable SewerTable(SewerGradeStatistics s)
    {
        var grades = s.StructuralGrades.Select(g => g.Grade).Union(s.RepairGrades.Select(g => g.Grade)).ToList();
        var rows = grades.Select(g => Row(g == "" ? "未评定" : g,
            s.StructuralGrades.FirstOrDefault(x => x.Grade == g)?.Count ?? 0L,
            s.RepairGrades.FirstOrDefault(x => x.Grade == g)?.Count ?? 0L)).ToList();
        return new StatisticsTable(SewerGrades, "排水管段结构性等级与修复等级", "Sewer structural and repair grades",
            [new("等级", "Grade"), new("结构性等级管段数", "Segments by structural grade"), new("修复指数等级管段数", "Segments by repair-index grade")],
            rows, ["CJJ 181-2012: 结构性等级 from the segment attribute; 修复指数 RI 等级 from each segment's latest CCTV survey (DOMAIN.md §2.2)"]);
    }

    private static StatisticsTable LightingTable(LightingStatistics s)
    {
        var rows = s.RoadClasses.Append(s.City)
            .Select(r => Row(r.RoadClass ?? "", r.RoadClass is null ? "全市" : RoadClassesZh.GetValueOrDefault(r.RoadClass, r.RoadClass),
                r.ShouldBeLit, r.Lit, r.Percent, r.TargetPercent))
            .ToList();
        var notes = new List<string> { $"{s.Definition.Code}: {s.Definition.FormulaZh} / {s.Definition.FormulaEn} — {s.Definition.Provenance.Source}" };
        notes.AddRange(s.Targets.Select(t => $"target {t.Code}: {t.TitleZh} ≥ {t.Percent}% — {t.Provenance.Source}"));
        return new StatisticsTable(Lighting, "路灯亮灯率", "Streetlight lighting rate",
            [new("道路等级代码", "Road class"), new("道路等级", "Road class name"), new("应亮", "Should be lit"), new("亮灯", "Lit"),
             new("亮灯率 %", "Lighting rate %"), new("目标 %", "Target %")], rows, notes);
    }

    private static StatisticsTable InspectionsTable(InspectionStatistics s)
    {
        var rows = s.Districts.Select(d => Row(d.District, d.Name ?? "", d.Open, d.Due, d.Overdue, d.Yellow, d.Red, d.DoneToday)).ToList();
        rows.Add(Row("", "全市", s.Districts.Sum(d => d.Open), s.Districts.Sum(d => d.Due), s.Districts.Sum(d => d.Overdue),
            s.Districts.Sum(d => d.Yellow), s.Districts.Sum(d => d.Red), s.Districts.Sum(d => d.DoneToday)));
        return new StatisticsTable(Inspections, "各区巡查任务", "Inspection tasks by district",
            [AdcodeColumn, DistrictColumn, new("未完成", "Open"), new("今日到期", "Due today"), new("逾期", "Overdue"), new("黄牌", "Yellow cards"),
             new("红牌", "Red cards"), new("今日完成", "Done today")],
            rows, [$"日期 / date: {s.Date:yyyy-MM-dd} (Asia/Shanghai)"]);
    }

    private static IReadOnlyList<object?> Row(params object?[] cells) => cells;
}
