using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using AssetRegistry.Domain.Assets;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// A CSV file (RFC 4180: comma-separated, fields in double quotes may hold commas, quotes doubled and line breaks)
/// read one record at a time. The text is UTF-8 (with or without BOM) when every byte of the file is valid UTF-8,
/// else GBK (GB18030), which is what Excel and WPS on a Chinese Windows save as "CSV (逗号分隔)". The first record names the fields. The geometry comes
/// from a WKT column (<c>wkt</c>, <c>geometry</c>, <c>geom</c>, <c>the_geom</c>, <c>几何</c>) or from a pair of
/// coordinate columns, easting/longitude first (<c>longitude</c>/<c>latitude</c>, <c>lon</c>/<c>lat</c>,
/// <c>lng</c>, <c>x</c>/<c>y</c>, <c>easting</c>/<c>northing</c>, <c>经度</c>/<c>纬度</c>); <c>x</c> is the easting as
/// in GIS software, not the surveyor's northing. Those columns are not fields. Empty cells are null. Broken quoting
/// (text after a closing quote, a quote never closed, a field longer than the limit) fails the whole file with
/// an error naming the row and line. Rows are numbered from 1 for the first record after the header.
/// </summary>
public sealed class CsvFeatureSource : IFeatureSource, IReadProgress
{
    /// <summary>The names (trimmed, any case) of a WKT column, the first found taken. The imports page marks such
    /// columns in its preview with the same names (<c>js/imports/preview.js</c>, <c>csvGeometryNames</c>; a test keeps
    /// them equal).</summary>
    public static readonly IReadOnlyList<string> WktNames = ["wkt", "geometry", "geom", "the_geom", "shape", "几何"];
    /// <summary>The names of the easting or longitude column, read when there is no WKT column.</summary>
    public static readonly IReadOnlyList<string> XNames = ["longitude", "lon", "lng", "long", "x", "easting", "经度", "东坐标"];
    /// <summary>The names of the northing or latitude column, read when there is no WKT column.</summary>
    public static readonly IReadOnlyList<string> YNames = ["latitude", "lat", "y", "northing", "纬度", "北坐标"];

    private readonly string _path;
    private readonly Encoding _encoding;
    private readonly ImportOptions _options;
    private readonly int _maxField;
    private readonly string[] _header;
    private readonly int _wkt = -1, _x = -1, _y = -1;
    private FileStream? _stream;

    private CsvFeatureSource(string path, Encoding encoding, ImportOptions options, int maxField, string[] header)
    {
        _path = path;
        _encoding = encoding;
        _options = options;
        _maxField = maxField;
        _header = header;
        for (var i = 0; i < header.Length; i++)
        {
            var h = header[i].Trim().ToLowerInvariant();
            if (_wkt < 0 && WktNames.Contains(h)) _wkt = i;
            else if (_x < 0 && XNames.Contains(h)) _x = i;
            else if (_y < 0 && YNames.Contains(h)) _y = i;
        }
        if (_wkt < 0 && (_x < 0 || _y < 0))
            throw new ImportFileException(new LocalizedText(
                "The CSV has no geometry: it needs a wkt column or longitude and latitude (or x and y) columns.",
                "CSV 中没有几何：须有 wkt 列，或经度、纬度（或 x、y）两列。"));
        FieldNames = header.Where((_, i) => i != _wkt && (_wkt >= 0 || (i != _x && i != _y))).ToList();
    }

    public string Format => "csv";

    /// <summary>A CSV declares no CRS.</summary>
    public int? FileSrid => null;

    public IReadOnlyList<string> FieldNames { get; }

    public double Fraction => _stream is { Length: > 0 } s ? (double)s.Position / s.Length : 0;

    /// <summary>Reads the header; throws <see cref="ImportFileException"/> when it is missing or broken.</summary>
    public static async Task<CsvFeatureSource> OpenAsync(string path, ImportOptions options, CancellationToken ct)
    {
        var maxFieldLength = options.MaxFieldLength;
        var encoding = await DetectEncodingAsync(path, ct);
        await using var stream = File.OpenRead(path);
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true);
        var parser = new RecordParser(text, maxFieldLength);
        var header = parser.Next() ?? throw new ImportFileException(new LocalizedText("The CSV file is empty.", "CSV 文件为空。"));
        return new CsvFeatureSource(path, encoding, options, maxFieldLength, [.. header]);
    }

    /// <summary>
    /// UTF-8 when the whole file decodes as UTF-8 (a BOM says so at once), else GB18030, the superset of GBK and
    /// GB2312. The whole file is checked, a block at a time, because a file whose first rows are plain ASCII can
    /// still carry GBK names further down; reading it costs about a tenth of a second per 100 MB.
    /// </summary>
    public static async Task<Encoding> DetectEncodingAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var bytes = new byte[1 << 16];
        var chars = new char[1 << 16];
        var kept = 0; // bytes of a character cut by the end of the previous block
        var first = true;
        while (true)
        {
            var read = await stream.ReadAsync(bytes.AsMemory(kept), ct);
            var length = kept + read;
            if (first && length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) return DbfEncodings.Utf8;
            first = false;
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes.AsSpan(0, length), chars, out var used, out _,
                replaceInvalidSequences: false, isFinalBlock: read == 0);
            if (status == System.Buffers.OperationStatus.InvalidData) return DbfEncodings.Gb18030;
            if (read == 0) return DbfEncodings.Utf8;
            kept = length - used;
            bytes.AsSpan(used, kept).CopyTo(bytes);
        }
    }

    public async IAsyncEnumerable<SourceRow> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        _stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var text = new StreamReader(_stream, _encoding, detectEncodingFromByteOrderMarks: true, 1 << 16);
        var parser = new RecordParser(text, _maxField);
        parser.Next(); // header
        var wkt = new WKTReader();
        // Each header column's place among the row's fields, -1 for the geometry's columns.
        var fields = new FieldRow(FieldNames);
        var slots = _header.Select((h, i) => i == _wkt || (_wkt < 0 && (i == _x || i == _y)) ? -1 : fields.SlotOf(h)).ToArray();
        long number = 0;
        while (parser.Next() is { } record)
        {
            ct.ThrowIfCancellationRequested();
            number++;
            if (record.Count == 1 && record[0].Length == 0) continue; // a blank line
            for (var i = 0; i < slots.Length; i++) // every field, so none keeps the previous row's value
            {
                if (slots[i] < 0) continue;
                var v = i < record.Count ? record[i] : "";
                fields.Set(slots[i], v.Length == 0 ? null : v);
            }
            var (geometry, problem) = ReadGeometry(record, wkt);
            yield return new SourceRow(number, fields, geometry, problem);
            if ((number & 1023) == 0) await Task.Yield();
        }
    }

    private (Geometry?, string?) ReadGeometry(List<string> record, WKTReader wkt)
    {
        string Cell(int i) => i < record.Count ? record[i].Trim() : "";
        if (_wkt >= 0)
        {
            var text = Cell(_wkt);
            if (text.Length == 0) return (null, SourceGeometryProblems.Missing);
            try
            {
                var g = wkt.Read(text);
                if (g.NumPoints > _options.MaxVertices) return (null, SourceGeometryProblems.TooManyVertices);
                return (g, null);
            }
            catch (Exception e) when (e is ParseException or ArgumentException or FormatException)
            {
                return (null, SourceGeometryProblems.UnreadablePrefix + e.Message);
            }
        }
        string xs = Cell(_x), ys = Cell(_y);
        if (xs.Length == 0 || ys.Length == 0) return (null, SourceGeometryProblems.Missing);
        if (!double.TryParse(xs, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ||
            !double.TryParse(ys, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
            return (null, SourceGeometryProblems.UnreadablePrefix + "the coordinates are not numbers");
        if (!double.IsFinite(x) || !double.IsFinite(y)) return (null, SourceGeometryProblems.NonFinite);
        return (new Point(x, y), null);
    }

    public ValueTask DisposeAsync() => _stream?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>The RFC 4180 state machine, one record per call, over a 64 kB character window (unquoted fields
    /// are cut straight out of it), counting physical lines for error messages.</summary>
    private sealed class RecordParser(TextReader reader, int maxField)
    {
        private static readonly System.Buffers.SearchValues<char> FieldEnd = System.Buffers.SearchValues.Create(",\r\n\"");
        private readonly char[] _buffer = new char[1 << 16];
        private int _pos, _len;
        private readonly StringBuilder _field = new();
        private readonly List<string> _fields = [];
        private long _line = 1;
        private long _record;

        private int Read()
        {
            if (_pos < _len) return _buffer[_pos++];
            _len = reader.Read(_buffer, 0, _buffer.Length);
            _pos = 0;
            return _len <= 0 ? -1 : _buffer[_pos++];
        }

        private int Peek()
        {
            if (_pos < _len) return _buffer[_pos];
            _len = reader.Read(_buffer, 0, _buffer.Length);
            _pos = 0;
            return _len <= 0 ? -1 : _buffer[_pos];
        }

        /// <summary>The next record's fields, or null at the end of the file: the same list each time, valid until
        /// the next call.</summary>
        public List<string>? Next()
        {
            if (Peek() < 0) return null;
            var fields = _fields;
            fields.Clear();
            var startLine = _line;
            var row = _record++; // the header is record 0, so this is the data row number
            while (true)
            {
                int c;
                if (Peek() == '"')
                {
                    Read();
                    _field.Clear();
                    while (true)
                    {
                        c = Read();
                        if (c < 0) throw Broken(row, startLine, "a quoted field is never closed", "引号内的字段没有结束引号");
                        if (c == '"')
                        {
                            if (Peek() == '"') { Read(); Append('"', row, startLine); continue; }
                            break;
                        }
                        if (c == '\n') _line++;
                        Append((char)c, row, startLine);
                    }
                    fields.Add(_field.ToString());
                    c = Read();
                    if (c is not (',' or '\r' or '\n' or -1))
                        throw Broken(row, startLine, "text follows a closing quote", "结束引号后还有文字");
                }
                else
                {
                    // Fast path: the field ends inside the window.
                    var rest = _buffer.AsSpan(_pos, _len - _pos);
                    var end = rest.IndexOfAny(FieldEnd);
                    if (end >= 0 && rest[end] != '"')
                    {
                        if (end > maxField) Append('x', row, startLine, end);
                        fields.Add(new string(rest[..end]));
                        _pos += end;
                        c = Read();
                    }
                    else
                    {
                        _field.Clear();
                        c = Read();
                        while (c is not (',' or '\r' or '\n' or -1))
                        {
                            if (c == '"') throw Broken(row, startLine, "a quote inside an unquoted field", "未加引号的字段中出现引号");
                            Append((char)c, row, startLine);
                            c = Read();
                        }
                        fields.Add(_field.ToString());
                    }
                }
                if (c == ',') continue;
                if (c == '\r' && Peek() == '\n') Read();
                if (c is '\r' or '\n') _line++;
                return fields;
            }
        }

        private void Append(char c, long row, long line, int length = 0)
        {
            if (Math.Max(_field.Length, length) >= maxField)
                throw Broken(row, line, $"a field is longer than {maxField} characters (is a quote left open?)", $"字段超过 {maxField} 个字符（是否有引号未关闭？）");
            _field.Append(c);
        }

        private static ImportFileException Broken(long row, long line, string en, string zh) => new(row == 0
            ? new LocalizedText($"The CSV header (line {line}) cannot be read: {en}.", $"CSV 表头（第 {line} 行）无法读取：{zh}。")
            : new LocalizedText($"Row {row} of the CSV (line {line}) cannot be read: {en}.", $"CSV 第 {row} 条记录（第 {line} 行）无法读取：{zh}。"));
    }
}
