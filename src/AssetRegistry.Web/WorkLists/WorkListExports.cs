using System.Globalization;
using System.Text.Json;
using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.WorkLists;
using ClosedXML.Excel;

namespace AssetRegistry.Web.WorkLists;

/// <summary>A work list as a spreadsheet (XLSX, Chinese headers over English ones) and as GeoJSON.</summary>
public static class WorkListExports
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Columns of the stop sheet: Chinese header, English header.</summary>
    private static readonly (string Zh, string En, double Width)[] Columns =
    [
        ("序号", "Stop", 6), ("设施编号", "Asset code", 20), ("名称", "Name", 24), ("设施类别", "Kind", 12),
        ("巡查类型", "Inspection type", 16), ("到期日", "Due date", 12), ("督办", "Card", 8), ("有限空间作业", "Confined space", 14),
        ("经度", "Longitude", 13), ("纬度", "Latitude", 13), ("状态", "Status", 10), ("任务号", "Task id", 10),
    ];

    public static async Task<IResult> XlsxAsync(long id, WorkListReader reader, CancellationToken ct)
    {
        var detail = await reader.ReadAsync(id, ct);
        var bytes = Xlsx(detail);
        return TypedResults.File(bytes, XlsxType, $"work-list-{id}.xlsx");
    }

    public static async Task<IResult> GeoJsonAsync(long id, WorkListReader reader, CancellationToken ct)
    {
        var detail = await reader.ReadAsync(id, ct);
        return TypedResults.Bytes(GeoJson(detail), "application/geo+json");
    }

    /// <summary>Sheet 工作单 (stops: two header rows, then one row per stop in route order) and sheet 概况 (the list).</summary>
    public static byte[] Xlsx(WorkListDetail detail)
    {
        var l = detail.List;
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("工作单");
        for (var c = 0; c < Columns.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = Columns[c].Zh;
            sheet.Cell(2, c + 1).Value = Columns[c].En;
            sheet.Column(c + 1).Width = Columns[c].Width;
        }
        sheet.Range(1, 1, 2, Columns.Length).Style.Font.Bold = true;
        sheet.Range(1, 1, 2, Columns.Length).Style.Fill.BackgroundColor = XLColor.LightGray;
        sheet.SheetView.FreezeRows(2);
        var row = 3;
        foreach (var s in detail.Stops)
        {
            sheet.Cell(row, 1).Value = s.StopNumber;
            sheet.Cell(row, 2).Value = s.AssetCode ?? "";
            sheet.Cell(row, 3).Value = s.AssetName ?? "";
            sheet.Cell(row, 4).Value = WorkListLabels.KindZh(s.Collection);
            sheet.Cell(row, 5).Value = WorkListLabels.InspectionTypeZh(s.InspectionType);
            sheet.Cell(row, 6).Value = s.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            sheet.Cell(row, 7).Value = WorkListLabels.CardZh(s.Escalation);
            sheet.Cell(row, 8).Value = s.ConfinedSpace ? "是 · 先检测气体、办许可" : "";
            if (s.Lon is { } lon) sheet.Cell(row, 9).Value = Math.Round(lon, FeatureSql.CoordinateDecimals);
            if (s.Lat is { } lat) sheet.Cell(row, 10).Value = Math.Round(lat, FeatureSql.CoordinateDecimals);
            sheet.Cell(row, 11).Value = WorkListLabels.StatusZh(s.Status);
            sheet.Cell(row, 12).Value = s.TaskId;
            if (s.ConfinedSpace) sheet.Row(row).Style.Font.FontColor = XLColor.DarkRed;
            row++;
        }

        var about = book.Worksheets.Add("概况");
        var facts = new (string Label, object Value)[]
        {
            ("工作单号 List id", l.Id), ("班组 Crew", l.CrewName), ("行政区 District", l.DistrictNameEn is { } en ? $"{l.DistrictName} {en} ({l.District})" : $"{l.DistrictName} ({l.District})"),
            ("日期 Date", l.WorkDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("序号 Sequence", l.Sequence),
            ("站点数 Stops", l.Stops), (l.RoutedOnStreets ? "路线长度（米，沿道路）Route length (m, along streets)" : "路线长度（米，直线）Route length (m, straight lines)", Math.Round(l.RouteLengthM, 1)),
            ("按编号顺序长度（米）Length in code order (m)", Math.Round(detail.CodeOrderLengthM, 1)),
            ("有限空间作业站点 Confined-space stops", detail.Stops.Count(s => s.ConfinedSpace)),
        };
        for (var i = 0; i < facts.Length; i++)
        {
            about.Cell(i + 1, 1).Value = facts[i].Label;
            var cell = about.Cell(i + 1, 2);
            switch (facts[i].Value)
            {
                case long v: cell.Value = v; break;
                case int v: cell.Value = v; break;
                case double v: cell.Value = v; break;
                default: cell.Value = facts[i].Value.ToString(); break;
            }
        }
        about.Column(1).Width = 48;
        about.Column(2).Width = 28;

        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>A FeatureCollection: one Point per located stop (stop number, task and asset) in route order, then
    /// the route through them as a LineString with its length in metres. Coordinates WGS 84, 7 decimals.</summary>
    public static byte[] GeoJson(WorkListDetail detail)
    {
        var l = detail.List;
        var located = detail.Stops.Where(s => s is { Lon: not null, Lat: not null }).ToList();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = Infrastructure.ApiJson.Options.Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteNumber("workListId", l.Id);
            w.WriteString("crewName", l.CrewName);
            w.WriteString("district", l.District);
            w.WriteString("workDate", l.WorkDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteNumber("routeLengthM", Math.Round(l.RouteLengthM, 1));
            w.WriteStartArray("features");
            foreach (var s in located)
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteNumber("id", s.TaskId);
                w.WriteStartObject("geometry");
                w.WriteString("type", "Point");
                w.WriteStartArray("coordinates");
                WritePosition(w, s);
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteString("kind", "stop");
                w.WriteNumber("stopNumber", s.StopNumber);
                w.WriteNumber("taskId", s.TaskId);
                w.WriteString("collection", s.Collection);
                w.WriteNumber("assetId", s.AssetId);
                w.WriteString("code", s.AssetCode);
                w.WriteString("name", s.AssetName);
                w.WriteString("inspectionType", s.InspectionType);
                w.WriteString("dueDate", s.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteString("escalation", s.Escalation);
                w.WriteBoolean("confinedSpace", s.ConfinedSpace);
                w.WriteString("status", s.Status);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            if (located.Count >= 2)
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteString("id", "route");
                w.WriteStartObject("geometry");
                w.WriteString("type", "LineString");
                w.WriteStartArray("coordinates");
                foreach (var s in located)
                {
                    w.WriteStartArray();
                    WritePosition(w, s);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteString("kind", "route");
                w.WriteNumber("workListId", l.Id);
                w.WriteNumber("routeLengthM", Math.Round(l.RouteLengthM, 1));
                w.WriteNumber("stops", located.Count);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static void WritePosition(Utf8JsonWriter w, WorkListStop s)
    {
        w.WriteNumberValue(Math.Round(s.Lon!.Value, FeatureSql.CoordinateDecimals));
        w.WriteNumberValue(Math.Round(s.Lat!.Value, FeatureSql.CoordinateDecimals));
    }
}
