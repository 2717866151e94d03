using System.Globalization;
using System.Text;
using AssetRegistry.Domain.Statistics;
using ClosedXML.Excel;

namespace AssetRegistry.Web.Statistics;

/// <summary>
/// A chart's table as CSV (UTF-8 with a byte-order mark, so Excel reads the Chinese; one header row "中文 English";
/// the notes after a blank line) or XLSX (two header rows, Chinese over English, and a 说明 sheet with the notes).
/// Text that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is prefixed with
/// an apostrophe in both.
/// </summary>
public static class StatisticsExports
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static byte[] Csv(StatisticsTable table)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', table.Columns.Select(c => Field($"{c.TitleZh} {c.TitleEn}"))).Append("\r\n");
        foreach (var row in table.Rows)
            text.AppendJoin(',', row.Select(CsvCell)).Append("\r\n");
        if (table.Notes.Count > 0)
        {
            text.Append("\r\n");
            foreach (var note in table.Notes) text.Append(Field("说明 Note: " + note)).Append("\r\n");
        }
        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(text.ToString());
        return [.. preamble, .. body];
    }

    public static byte[] Xlsx(StatisticsTable table)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add(SheetName(table.TitleZh));
        for (var c = 0; c < table.Columns.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(table.Columns[c].TitleZh);
            sheet.Cell(2, c + 1).SetValue(table.Columns[c].TitleEn);
            // Fixed widths: measuring text needs fonts the server may not have (no AdjustToContents).
            sheet.Column(c + 1).Width = c < 2 ? 14 : 18;
        }
        var header = sheet.Range(1, 1, 2, table.Columns.Count);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = XLColor.LightGray;
        sheet.SheetView.FreezeRows(2);
        for (var r = 0; r < table.Rows.Count; r++)
            for (var c = 0; c < table.Rows[r].Count; c++)
            {
                var cell = sheet.Cell(r + 3, c + 1);
                switch (table.Rows[r][c])
                {
                    case null: break;
                    case long v: cell.SetValue(v); break;
                    case int v: cell.SetValue(v); break;
                    case double v: cell.SetValue(v); break;
                    case var v: cell.SetValue(Safe(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "")); break;
                }
            }
        var notes = book.Worksheets.Add("说明");
        notes.Cell(1, 1).SetValue("说明 Notes");
        notes.Cell(1, 1).Style.Font.Bold = true;
        notes.Cell(2, 1).SetValue(Safe($"{table.TitleZh} / {table.TitleEn}"));
        for (var i = 0; i < table.Notes.Count; i++) notes.Cell(i + 3, 1).SetValue(Safe(table.Notes[i]));
        notes.Column(1).Width = 120;

        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Text a spreadsheet will not evaluate: an apostrophe before a leading formula character.</summary>
    public static string Safe(string text) => text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text;

    private static string CsvCell(object? value) => value switch
    {
        null => "",
        long v => v.ToString(CultureInfo.InvariantCulture),
        int v => v.ToString(CultureInfo.InvariantCulture),
        double v => v.ToString("0.##########", CultureInfo.InvariantCulture),
        _ => Field(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>A text field: made formula-safe, then quoted (RFC 4180) when it holds a comma, quote or line break.</summary>
    private static string Field(string text)
    {
        var safe = Safe(text);
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"") + "\"" : safe;
    }

    /// <summary>A worksheet name: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string title)
    {
        var name = new string(title.Where(ch => !":\\/?*[]".Contains(ch)).ToArray());
        return name.Length > 31 ? name[..31] : name;
    }
}
