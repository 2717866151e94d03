using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using AssetRegistry.Domain.Assets;

namespace AssetRegistry.Domain.Interchange;

/// <summary>
/// Writes an Excel workbook (Office Open XML SpreadsheetML) row by row as the rows arrive, so memory stays flat:
/// a sheet named after the collection with a header row of attribute names (stable, so an import maps them back),
/// <c>id</c> first and <c>wkt</c> (plus lon/lat or x/y for points) last, cells typed (numbers, booleans, dates
/// formatted yyyy-mm-dd; text as inline strings, so a code like 00123 or a name like =1+2 stays text; timestamps
/// as ISO 8601 text, which keeps microseconds and the zone), then a 字段说明 sheet listing each column's name,
/// Chinese and English title, type and unit. The package is written to a temporary file, then copied.
/// ClosedXML (used for the small statistics tables) builds a workbook in memory: 3.3 GB for 120,000 manholes,
/// which is why this writes the XML itself. Element names carry no namespace prefix, which GDAL before 3.7 needs.
/// </summary>
public static class XlsxExport
{
    /// <summary>Rows an Excel worksheet holds (1,048,576) less the header row.</summary>
    public const int MaxRows = 1_048_576 - 1;

    /// <summary>Characters an Excel cell holds.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>Name of the sheet that describes the columns.</summary>
    public const string FieldsSheet = "字段说明";

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>Style indexes in styles.xml: 0 plain, 1 bold header, 2 date.</summary>
    private const int HeaderStyle = 1, DateStyle = 2;

    /// <summary>Excel's day 0 (the 1900 date system, with its leap-year quirk already accounted for).</summary>
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

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
        var directory = Directory.CreateTempSubdirectory("assetregistry-xlsx-");
        try
        {
            var path = Path.Combine(directory.FullName, kind.CollectionId + ".xlsx");
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, useAsync: false))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            {
                Part(zip, "[Content_Types].xml", ContentTypes);
                Part(zip, "_rels/.rels", RootRelationships);
                Part(zip, "xl/workbook.xml", w => Workbook(w, kind.CollectionId));
                Part(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships);
                Part(zip, "xl/styles.xml", Styles);
                await FeatureSheetAsync(zip, rows, ct);
                Part(zip, "xl/worksheets/sheet2.xml", w => FieldSheet(w, rows));
            }
            await using var copy = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            await copy.CopyToAsync(output, ct);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task FeatureSheetAsync(ZipArchive zip, ExportRows rows, CancellationToken ct)
    {
        var points = ExportSql.IsPointKind(rows.Selection.Query.Kind);
        var (xName, yName) = ExportValues.XyNames(rows.Selection.Crs.Projected);
        var header = new List<string> { ShapefileFieldNames.Id };
        header.AddRange(rows.Attributes.Select(a => a.Name));
        header.Add(ExportValues.WktColumn);
        if (points) header.AddRange([xName, yName]);

        await using var stream = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        using var w = XmlWriter.Create(stream, WriterSettings);
        w.WriteStartDocument(true);
        SheetStart(w, frozenHeader: true);
        var r = 1;
        w.WriteStartElement("row", Main);
        w.WriteAttributeString("r", "1");
        for (var c = 0; c < header.Count; c++) TextCell(w, c, r, header[c], HeaderStyle);
        w.WriteEndElement();
        while (await rows.ReadAsync(ct))
        {
            r++;
            w.WriteStartElement("row", Main);
            w.WriteAttributeString("r", r.ToString(CultureInfo.InvariantCulture));
            NumberCell(w, 0, r, ExportValues.Text(rows.Id));
            for (var i = 0; i < rows.Attributes.Count; i++) ValueCell(w, i + 1, r, rows.Value(i));
            var wkt = rows.ReadWkt();
            if (wkt.Length > MaxCellChars)
            {
                var errors = new ValidationErrors();
                errors.Add("format", new LocalizedText(
                    $"Feature {rows.Id}'s geometry has {wkt.Length:N0} characters of WKT; an Excel cell holds {MaxCellChars:N0}. Export as GeoPackage, Shapefile, GeoJSON or CSV.",
                    $"要素 {rows.Id} 的几何 WKT 有 {wkt.Length:N0} 个字符，超过 Excel 单元格上限 {MaxCellChars:N0}。请导出为 GeoPackage、Shapefile、GeoJSON 或 CSV。"));
                errors.ThrowIfAny();
            }
            TextCell(w, rows.Attributes.Count + 1, r, wkt);
            if (points)
            {
                var (x, y) = rows.ReadXy();
                NumberCell(w, rows.Attributes.Count + 2, r, ExportValues.Text(x));
                NumberCell(w, rows.Attributes.Count + 3, r, ExportValues.Text(y));
            }
            w.WriteEndElement();
        }
        w.WriteEndElement(); // sheetData
        w.WriteEndElement(); // worksheet
    }

    private static void FieldSheet(XmlWriter w, ExportRows rows)
    {
        var crs = rows.Selection.Crs;
        var projected = crs.Projected;
        var (xName, yName) = ExportValues.XyNames(projected);
        var lines = new List<string?[]>
        {
            new[] { "字段 name", "中文名称 Chinese title", "英文名称 English title", "类型 type", "单位 unit" },
            new[] { ShapefileFieldNames.Id, "资产标识", "Asset id", "integer", null },
        };
        lines.AddRange(rows.Attributes.Select(a => new[] { a.Name, a.TitleZh, a.TitleEn, a.Type.ToString().ToLowerInvariant(), a.Unit }));
        lines.Add([ExportValues.WktColumn, $"几何（WKT，EPSG:{crs.Srid} {crs.TitleZh}）", $"Geometry (WKT, EPSG:{crs.Srid} {crs.TitleEn})", "text", null]);
        if (ExportSql.IsPointKind(rows.Selection.Query.Kind))
        {
            lines.Add([xName, projected ? "横坐标（东）" : "经度", projected ? "Easting" : "Longitude", "number", projected ? "m" : "°"]);
            lines.Add([yName, projected ? "纵坐标（北）" : "纬度", projected ? "Northing" : "Latitude", "number", projected ? "m" : "°"]);
        }
        SheetStart(w, frozenHeader: true, widths: [24, 40, 36, 14, 8]);
        for (var r = 0; r < lines.Count; r++)
        {
            w.WriteStartElement("row", Main);
            w.WriteAttributeString("r", (r + 1).ToString(CultureInfo.InvariantCulture));
            for (var c = 0; c < lines[r].Length; c++)
                if (lines[r][c] is { } text) TextCell(w, c, r + 1, text, r == 0 ? HeaderStyle : 0);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>Opens worksheet and sheetData, with the first row frozen and optional column widths.</summary>
    private static void SheetStart(XmlWriter w, bool frozenHeader, int[]? widths = null)
    {
        w.WriteStartElement("worksheet", Main);
        w.WriteAttributeString("xmlns", "r", null, Relationships);
        if (frozenHeader)
        {
            w.WriteStartElement("sheetViews", Main);
            w.WriteStartElement("sheetView", Main);
            w.WriteAttributeString("workbookViewId", "0");
            w.WriteStartElement("pane", Main);
            w.WriteAttributeString("ySplit", "1");
            w.WriteAttributeString("topLeftCell", "A2");
            w.WriteAttributeString("activePane", "bottomLeft");
            w.WriteAttributeString("state", "frozen");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        if (widths is not null)
        {
            w.WriteStartElement("cols", Main);
            for (var i = 0; i < widths.Length; i++)
            {
                w.WriteStartElement("col", Main);
                w.WriteAttributeString("min", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("max", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("width", widths[i].ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("customWidth", "1");
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteStartElement("sheetData", Main);
    }

    private static void ValueCell(XmlWriter w, int column, int row, object? value)
    {
        switch (value)
        {
            case null: break;
            case long or double: NumberCell(w, column, row, ExportValues.Text(value)); break;
            case bool b:
                Cell(w, column, row, "b", 0);
                w.WriteElementString("v", Main, b ? "1" : "0");
                w.WriteEndElement();
                break;
            case DateOnly d:
                Cell(w, column, row, null, DateStyle);
                w.WriteElementString("v", Main, (d.DayNumber - ExcelEpoch.DayNumber).ToString(CultureInfo.InvariantCulture));
                w.WriteEndElement();
                break;
            default: TextCell(w, column, row, ExportValues.Text(value)); break;
        }
    }

    private static void NumberCell(XmlWriter w, int column, int row, string number)
    {
        Cell(w, column, row, null, 0);
        w.WriteElementString("v", Main, number);
        w.WriteEndElement();
    }

    /// <summary>An inline string: never parsed as a number, date or formula.</summary>
    private static void TextCell(XmlWriter w, int column, int row, string text, int style = 0)
    {
        Cell(w, column, row, "inlineStr", style);
        w.WriteStartElement("is", Main);
        w.WriteStartElement("t", Main);
        w.WriteAttributeString("xml", "space", null, "preserve");
        w.WriteString(Escape(text));
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Cell(XmlWriter w, int column, int row, string? type, int style)
    {
        w.WriteStartElement("c", Main);
        w.WriteAttributeString("r", ColumnName(column) + row.ToString(CultureInfo.InvariantCulture));
        if (style != 0) w.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
        if (type is not null) w.WriteAttributeString("t", type);
    }

    /// <summary>A, B, …, Z, AA, … for a 0-based column.</summary>
    private static string ColumnName(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>Control characters XML cannot carry, as SpreadsheetML's _xHHHH_ escapes (Excel and ClosedXML decode
    /// them; GDAL 3.6 shows them as written). Text that itself looks like such an escape is left as it is: Excel
    /// would decode it, GDAL and ClosedXML would not, and no registry value has been seen to hold one.</summary>
    private static string Escape(string text)
    {
        if (!text.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r'))) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
            if (c < ' ' && c is not ('\t' or '\n' or '\r')) sb.Append("_x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('_');
            else sb.Append(c);
        return sb.ToString();
    }

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        // Carriage returns in cell text stay carriage returns (entitised), not line ends.
        NewLineHandling = NewLineHandling.Entitize,
    };

    private static void Part(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var w = XmlWriter.Create(stream, WriterSettings);
        w.WriteStartDocument(true);
        write(w);
        w.WriteEndDocument();
    }

    private static void ContentTypes(XmlWriter w)
    {
        const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        w.WriteStartElement("Types", ns);
        void Default(string extension, string type)
        {
            w.WriteStartElement("Default", ns);
            w.WriteAttributeString("Extension", extension);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }
        void Override(string part, string type)
        {
            w.WriteStartElement("Override", ns);
            w.WriteAttributeString("PartName", part);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }
        Default("rels", "application/vnd.openxmlformats-package.relationships+xml");
        Default("xml", "application/xml");
        Override("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
        Override("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
        Override("/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
        Override("/xl/worksheets/sheet2.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
        w.WriteEndElement();
    }

    private static void RootRelationships(XmlWriter w) => RelationshipList(w,
        ("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml"));

    private static void WorkbookRelationships(XmlWriter w) => RelationshipList(w,
        ("rId1", Relationships + "/worksheet", "worksheets/sheet1.xml"),
        ("rId2", Relationships + "/worksheet", "worksheets/sheet2.xml"),
        ("rId3", Relationships + "/styles", "styles.xml"));

    private static void RelationshipList(XmlWriter w, params (string Id, string Type, string Target)[] items)
    {
        w.WriteStartElement("Relationships", PackageRelationships);
        foreach (var (id, type, target) in items)
        {
            w.WriteStartElement("Relationship", PackageRelationships);
            w.WriteAttributeString("Id", id);
            w.WriteAttributeString("Type", type);
            w.WriteAttributeString("Target", target);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Workbook(XmlWriter w, string sheetName)
    {
        w.WriteStartElement("workbook", Main);
        w.WriteAttributeString("xmlns", "r", null, Relationships);
        w.WriteStartElement("sheets", Main);
        foreach (var (name, id) in new[] { (sheetName, 1), (FieldsSheet, 2) })
        {
            w.WriteStartElement("sheet", Main);
            w.WriteAttributeString("name", name);
            w.WriteAttributeString("sheetId", id.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("id", Relationships, "rId" + id.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>One font plain and one bold; cell formats plain, bold header and yyyy-mm-dd date (custom format 164).</summary>
    private static void Styles(XmlWriter w)
    {
        w.WriteStartElement("styleSheet", Main);
        w.WriteRaw("<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>" +
                   "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>" +
                   "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>" +
                   "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>" +
                   "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>" +
                   "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" +
                   "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>" +
                   "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>" +
                   "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>");
        w.WriteEndElement();
    }
}
