using AssetRegistry.Domain.Assets;
using ClosedXML.Excel;

namespace AssetRegistry.Domain.Interchange;

/// <summary>
/// Writes an Excel workbook: a sheet named after the collection with a header row of attribute names (stable, so an
/// import maps them back), <c>id</c> first and <c>wkt</c> (plus lon/lat or x/y for points) last, cells typed
/// (numbers, booleans, dates formatted yyyy-mm-dd; timestamps as ISO 8601 text, which keeps microseconds and the
/// zone), then a 字段说明 sheet listing each column's name, Chinese and English title, type and unit. ClosedXML
/// builds the workbook in memory, so <see cref="MaxRows"/> bounds it; selections above it are refused before any
/// row is read.
/// </summary>
public static class XlsxExport
{
    /// <summary>Rows an Excel worksheet holds (1,048,576) less the header row.</summary>
    public const int MaxRows = 1_048_576 - 1;

    /// <summary>Characters an Excel cell holds.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>Name of the sheet that describes the columns.</summary>
    public const string FieldsSheet = "字段说明";

    /// <summary>Throws a 400-mapped validation error on <c>format</c> when <paramref name="count"/> rows do not fit.</summary>
    public static void RequireFits(long count)
    {
        if (count <= MaxRows) return;
        var errors = new ValidationErrors();
        errors.Add("format", new LocalizedText(
            $"An Excel sheet holds at most {MaxRows:N0} rows; this selection has {count:N0}. Export it as CSV, GeoPackage or Shapefile, or narrow it with bbox or filters.",
            $"Excel 工作表最多 {MaxRows:N0} 行，当前选择有 {count:N0} 条。请导出为 CSV、GeoPackage 或 Shapefile，或用范围、条件缩小选择。"));
        errors.ThrowIfAny();
    }

    public static async Task WriteAsync(ExportRows rows, Stream output, CancellationToken ct)
    {
        var kind = rows.Selection.Query.Kind;
        var points = ExportSql.IsPointKind(kind);
        var projected = rows.Selection.Crs.Projected;
        var (xName, yName) = ExportValues.XyNames(projected);
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add(kind.CollectionId);
        var header = new List<string> { ShapefileFieldNames.Id };
        header.AddRange(rows.Attributes.Select(a => a.Name));
        header.Add(ExportValues.WktColumn);
        if (points) header.AddRange([xName, yName]);
        for (var c = 0; c < header.Count; c++) sheet.Cell(1, c + 1).SetValue(header[c]);
        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);

        var r = 1;
        while (await rows.ReadAsync(ct))
        {
            r++;
            sheet.Cell(r, 1).SetValue(rows.Id);
            for (var i = 0; i < rows.Attributes.Count; i++) Set(sheet.Cell(r, i + 2), rows.Value(i));
            var wkt = rows.ReadWkt();
            if (wkt.Length > MaxCellChars)
            {
                var errors = new ValidationErrors();
                errors.Add("format", new LocalizedText(
                    $"Feature {rows.Id}'s geometry has {wkt.Length:N0} characters of WKT; an Excel cell holds {MaxCellChars:N0}. Export as GeoPackage, Shapefile, GeoJSON or CSV.",
                    $"要素 {rows.Id} 的几何 WKT 有 {wkt.Length:N0} 个字符，超过 Excel 单元格上限 {MaxCellChars:N0}。请导出为 GeoPackage、Shapefile、GeoJSON 或 CSV。"));
                errors.ThrowIfAny();
            }
            Text(sheet.Cell(r, rows.Attributes.Count + 2), wkt);
            if (points)
            {
                var (x, y) = rows.ReadXy();
                sheet.Cell(r, rows.Attributes.Count + 3).SetValue(x);
                sheet.Cell(r, rows.Attributes.Count + 4).SetValue(y);
            }
        }

        var fields = book.Worksheets.Add(FieldsSheet);
        string[] titles = ["字段 name", "中文名称 Chinese title", "英文名称 English title", "类型 type", "单位 unit"];
        for (var c = 0; c < titles.Length; c++) fields.Cell(1, c + 1).SetValue(titles[c]);
        fields.Row(1).Style.Font.Bold = true;
        var f = 1;
        void Describe(string name, string zh, string en, string type, string? unit)
        {
            f++;
            Text(fields.Cell(f, 1), name);
            Text(fields.Cell(f, 2), zh);
            Text(fields.Cell(f, 3), en);
            Text(fields.Cell(f, 4), type);
            if (unit is not null) Text(fields.Cell(f, 5), unit);
        }
        Describe(ShapefileFieldNames.Id, "资产标识", "Asset id", "integer", null);
        foreach (var a in rows.Attributes) Describe(a.Name, a.TitleZh, a.TitleEn, a.Type.ToString().ToLowerInvariant(), a.Unit);
        Describe(ExportValues.WktColumn, "几何（WKT）", "Geometry (WKT)", "text", null);
        var unit = projected ? "m" : "°";
        if (points)
        {
            Describe(xName, projected ? "横坐标（东）" : "经度", projected ? "Easting" : "Longitude", "number", unit);
            Describe(yName, projected ? "纵坐标（北）" : "纬度", projected ? "Northing" : "Latitude", "number", unit);
        }
        Describe("crs", $"坐标系 EPSG:{rows.Selection.Crs.Srid} {rows.Selection.Crs.TitleZh}", rows.Selection.Crs.TitleEn, "", null);
        // Fixed widths: measuring text needs fonts the server may not have (no AdjustToContents).
        fields.Column(1).Width = 24;
        fields.Column(2).Width = 40;
        fields.Column(3).Width = 36;

        var directory = Directory.CreateTempSubdirectory("assetregistry-xlsx-");
        try
        {
            var saved = Path.Combine(directory.FullName, "saved.xlsx");
            var path = Path.Combine(directory.FullName, kind.CollectionId + ".xlsx");
            book.SaveAs(saved);
            SpreadsheetMlPrefixes.Rewrite(saved, path);
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            await file.CopyToAsync(output, ct);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void Set(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null: break;
            case long l: cell.SetValue(l); break;
            case double d: cell.SetValue(d); break;
            case bool b: cell.SetValue(b); break;
            case DateOnly d:
                cell.SetValue(d.ToDateTime(TimeOnly.MinValue));
                cell.Style.DateFormat.Format = "yyyy-mm-dd";
                break;
            default: Text(cell, ExportValues.Text(value)); break;
        }
    }

    /// <summary>Text kept as text: a value that looks like a number, a date or a formula stays as written.</summary>
    private static void Text(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }
}
