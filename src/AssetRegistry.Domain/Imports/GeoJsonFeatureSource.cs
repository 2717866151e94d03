using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Spatial;
using NetTopologySuite.Geometries;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// A GeoJSON FeatureCollection read token by token with <see cref="Utf8JsonReader"/> over a 64 kB window of the
/// file, so memory is bounded by the largest single feature (and a geometry's coordinates stop being kept past
/// <see cref="ImportOptions.MaxVertices"/>), never by the document. The CRS is the collection's <c>crs</c> member
/// when it comes before <c>features</c> (GeoJSON 2008 style, e.g. <c>urn:ogc:def:crs:EPSG::4549</c>), else none
/// (RFC 7946 means WGS 84). Field names are those of the first feature, then any new ones as they appear.
/// Properties holding objects or arrays are kept as their JSON text. Invalid JSON fails the file with the line.
/// </summary>
public sealed class GeoJsonFeatureSource : IFeatureSource, IReadProgress
{
    private readonly string _path;
    private readonly ImportOptions _options;
    private readonly List<string> _fieldNames;
    private readonly HashSet<string> _known;
    private JsonTokens? _tokens;
    // The current feature's properties: one dictionary for the file, emptied for each feature (it keeps the order
    // the properties come in, as a new one would; see SourceRow on rows that share their fields).
    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    private GeoJsonFeatureSource(string path, ImportOptions options, int? srid, List<string> fieldNames)
    {
        _path = path;
        _options = options;
        FileSrid = srid;
        _fieldNames = fieldNames;
        _known = new HashSet<string>(fieldNames, StringComparer.Ordinal);
    }

    public string Format => "geojson";

    public int? FileSrid { get; }

    public IReadOnlyList<string> FieldNames => _fieldNames;

    public double Fraction => _tokens?.Fraction ?? 0;

    /// <summary>Reads the collection's header and its first feature for the CRS and the field names.</summary>
    public static Task<GeoJsonFeatureSource> OpenAsync(string path, ImportOptions options, CancellationToken ct)
    {
        using var tokens = new JsonTokens(path, options.MaxVertices);
        int? srid = null;
        var names = new List<string>();
        var probe = new GeoJsonFeatureSource(path, options, null, names);
        foreach (var member in tokens.CollectionMembers())
        {
            if (member == "crs") srid = ReadCrs(tokens);
            else if (member == "features")
            {
                if (tokens.ReadFeatureStart()) names.AddRange(probe.ReadFeature(tokens, 0).Fields.Keys);
                break;
            }
            else tokens.Skip();
        }
        return Task.FromResult(new GeoJsonFeatureSource(path, options, srid, names));
    }

    public async IAsyncEnumerable<SourceRow> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        _tokens = new JsonTokens(_path, _options.MaxVertices);
        foreach (var member in _tokens.CollectionMembers())
        {
            if (member != "features") { _tokens.Skip(); continue; }
            long number = 0;
            while (_tokens.ReadFeatureStart())
            {
                ct.ThrowIfCancellationRequested();
                var row = ReadFeature(_tokens, ++number);
                foreach (var name in row.Fields.Keys)
                    if (_known.Add(name)) _fieldNames.Add(name);
                yield return row;
                if ((number & 1023) == 0) await Task.Yield();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _tokens?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int? ReadCrs(JsonTokens t)
    {
        string? name = null;
        t.Expect(JsonTokenType.StartObject, "crs");
        while (t.NextMember() is { } m)
        {
            if (m != "properties") { t.Skip(); continue; }
            t.Expect(JsonTokenType.StartObject, "crs.properties");
            while (t.NextMember() is { } p)
            {
                if (p == "name" && t.Read() && t.Type == JsonTokenType.String) name = t.Text;
                else if (p != "name") t.Skip();
            }
        }
        if (name is null) return null;
        // urn:ogc:def:crs:EPSG::4549, urn:ogc:def:crs:OGC:1.3:CRS84, EPSG:4326 or an OGC URI.
        var text = name.StartsWith("urn:ogc:def:crs:EPSG:", StringComparison.OrdinalIgnoreCase) ? "EPSG:" + name[(name.LastIndexOf(':') + 1)..]
            : name.EndsWith("CRS84", StringComparison.OrdinalIgnoreCase) ? "CRS84" : name;
        return SupportedCrs.Find(text)?.Srid ?? throw new ImportFileException(new LocalizedText(
            $"The file's CRS '{name}' is not one the registry reads; declare one of EPSG:4326, 4490, 4547, 4548 or 4549.",
            $"文件的坐标系“{name}”不受支持；请声明 EPSG:4326、4490、4547、4548 或 4549 之一。"));
    }

    /// <summary>Reads one Feature object whose start the tokens have just passed.</summary>
    private SourceRow ReadFeature(JsonTokens t, long number)
    {
        var fields = _properties;
        fields.Clear();
        Geometry? geometry = null;
        string? problem = SourceGeometryProblems.Missing;
        while (t.NextMember() is { } member)
        {
            switch (member)
            {
                case "geometry":
                    (geometry, problem) = ReadGeometry(t);
                    break;
                case "properties":
                    if (!t.Read()) throw t.Truncated();
                    if (t.Type == JsonTokenType.Null) break;
                    if (t.Type != JsonTokenType.StartObject) throw t.Unexpected("properties");
                    while (t.NextMember() is { } name)
                    {
                        if (!t.Read()) throw t.Truncated();
                        fields[name] = t.Type switch
                        {
                            JsonTokenType.String => t.Text,
                            JsonTokenType.Number => t.IsInteger ? t.Integer : t.Number,
                            JsonTokenType.True => true,
                            JsonTokenType.False => false,
                            JsonTokenType.Null => null,
                            _ => t.CaptureRaw(_options.MaxVertices * 64L),
                        };
                    }
                    break;
                default:
                    t.Skip();
                    break;
            }
        }
        return new SourceRow(number, fields, geometry, geometry is null ? problem : null);
    }

    private (Geometry?, string?) ReadGeometry(JsonTokens t)
    {
        if (!t.Read()) throw t.Truncated();
        if (t.Type == JsonTokenType.Null) return (null, SourceGeometryProblems.Missing);
        if (t.Type != JsonTokenType.StartObject) throw t.Unexpected("geometry");
        string? type = null;
        object? coordinates = null;
        var counter = new VertexCounter(_options.MaxVertices);
        while (t.NextMember() is { } m)
        {
            if (m == "type" && t.Read() && t.Type == JsonTokenType.String) type = t.Text;
            else if (m == "coordinates") coordinates = ReadCoordinates(t, counter);
            else if (m != "type") t.Skip();
        }
        if (counter.NonFinite) return (null, SourceGeometryProblems.NonFinite);
        if (counter.Count > counter.Max) return (null, SourceGeometryProblems.TooManyVertices);
        if (type is null || coordinates is null) return (null, SourceGeometryProblems.UnreadablePrefix + "a geometry needs a type and coordinates");
        try
        {
            return (Build(type, coordinates), null);
        }
        catch (Exception e) when (e is InvalidCastException or ArgumentException or IndexOutOfRangeException)
        {
            return (null, SourceGeometryProblems.UnreadablePrefix + $"the coordinates do not make a {type}");
        }
    }

    private sealed class VertexCounter(int max)
    {
        public int Max { get; } = max;
        public long Count;
        public bool NonFinite;
    }

    /// <summary>A position (<see cref="Coordinate"/>) or a list of nested coordinates; positions past the vertex
    /// limit are counted and dropped.</summary>
    private static object? ReadCoordinates(JsonTokens t, VertexCounter counter)
    {
        if (!t.Read()) throw t.Truncated();
        if (t.Type != JsonTokenType.StartArray) { t.SkipCurrent(); return null; }
        if (!t.Read()) throw t.Truncated();
        if (t.Type == JsonTokenType.Number)
        {
            var values = new List<double>(3);
            do
            {
                if (t.Type != JsonTokenType.Number) throw t.Unexpected("coordinates");
                if (!t.NumberIsFinite) counter.NonFinite = true;
                values.Add(t.Number);
            } while (t.Read() && t.Type != JsonTokenType.EndArray);
            counter.Count++;
            return values.Count >= 2 && counter.Count <= counter.Max ? new Coordinate(values[0], values[1]) : null;
        }
        var list = new List<object>();
        while (t.Type != JsonTokenType.EndArray)
        {
            if (t.Type != JsonTokenType.StartArray) throw t.Unexpected("coordinates");
            t.PushBack();
            if (ReadCoordinates(t, counter) is { } item) list.Add(item);
            if (!t.Read()) throw t.Truncated();
        }
        return list;
    }

    private static readonly GeometryFactory Factory = new();

    private static Geometry Build(string type, object c)
    {
        Coordinate[] Line(object o) => ((List<object>)o).Cast<Coordinate>().ToArray();
        Polygon Poly(object o)
        {
            var rings = ((List<object>)o).Select(r => Factory.CreateLinearRing(Line(r))).ToArray();
            return Factory.CreatePolygon(rings[0], rings[1..]);
        }
        return type switch
        {
            "Point" => Factory.CreatePoint((Coordinate)c),
            "LineString" => Factory.CreateLineString(Line(c)),
            "Polygon" => Poly(c),
            "MultiPoint" => Factory.CreateMultiPointFromCoords(((List<object>)c).Cast<Coordinate>().ToArray()),
            "MultiLineString" => Factory.CreateMultiLineString(((List<object>)c).Select(l => Factory.CreateLineString(Line(l))).ToArray()),
            "MultiPolygon" => Factory.CreateMultiPolygon(((List<object>)c).Select(Poly).ToArray()),
            _ => throw new ArgumentException(type),
        };
    }

    /// <summary>
    /// The file as a stream of JSON tokens: a <see cref="Utf8JsonReader"/> over a window of the file decodes up to
    /// 1,024 tokens at a time and is re-created from the saved <see cref="JsonReaderState"/> for the next batch; the
    /// window grows only for one token longer than itself, up to a limit.
    /// </summary>
    private sealed class JsonTokens : IDisposable
    {
        private readonly FileStream _stream;
        private readonly long _maxToken;
        private byte[] _buffer = new byte[1 << 16];
        private int _start, _end;
        private bool _final;
        private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        private bool _pushedBack;
        private readonly Token[] _tokens = new Token[1024];
        private int _next, _count;

        public JsonTokens(string path, int maxVertices)
        {
            _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            _maxToken = Math.Max(1 << 20, maxVertices * 64L);
        }

        public JsonTokenType Type { get; private set; }
        public string Text { get; private set; } = "";
        public double Number { get; private set; }
        public bool NumberIsFinite { get; private set; }
        public bool IsInteger { get; private set; }
        public long Integer { get; private set; }
        public double Fraction => _stream.Length == 0 ? 1 : (double)(_stream.Position - (_end - _start)) / _stream.Length;

        /// <summary>Makes the next <see cref="Read"/> return the current token again.</summary>
        public void PushBack() => _pushedBack = true;

        public bool Read()
        {
            if (_pushedBack) { _pushedBack = false; return true; }
            if (_next >= _count && !Decode()) return false;
            ref var t = ref _tokens[_next++];
            Type = t.Type;
            Text = t.Text ?? "";
            Number = t.Number;
            NumberIsFinite = t.NumberIsFinite;
            IsInteger = t.IsInteger;
            Integer = t.Integer;
            return true;
        }

        /// <summary>Decodes the next batch of tokens with one reader over the window (a reader per token costs more
        /// than the token); false at the end of the file.</summary>
        private bool Decode()
        {
            _next = _count = 0;
            while (true)
            {
                var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
                try
                {
                    while (_count < _tokens.Length && reader.Read())
                    {
                        ref var t = ref _tokens[_count++];
                        t.Type = reader.TokenType;
                        t.Text = t.Type switch
                        {
                            JsonTokenType.PropertyName => Shared(ref reader, MaxSharedName),
                            JsonTokenType.String => Shared(ref reader, MaxSharedValue),
                            _ => null,
                        };
                        if (t.Type == JsonTokenType.Number)
                        {
                            t.IsInteger = reader.TryGetInt64(out t.Integer);
                            t.NumberIsFinite = reader.TryGetDouble(out t.Number) && double.IsFinite(t.Number);
                        }
                    }
                }
                catch (JsonException e)
                {
                    throw new ImportFileException(new LocalizedText(
                        $"The GeoJSON is not valid JSON (line {e.LineNumber + 1}): {e.Message}",
                        $"GeoJSON 不是有效的 JSON（第 {e.LineNumber + 1} 行）：{e.Message}"));
                }
                catch (InvalidOperationException e)
                {
                    // GetString refuses an escape that is no Unicode text (a lone surrogate such as \ud800), which no
                    // database column could hold either.
                    throw new ImportFileException(new LocalizedText(
                        $"The GeoJSON holds a string that is not valid Unicode text: {e.Message}",
                        $"GeoJSON 中有不是有效 Unicode 文本的字符串：{e.Message}"));
                }
                _start += (int)reader.BytesConsumed;
                _state = reader.CurrentState;
                if (_count > 0) return true;
                if (_final) return false;
                Fill();
            }
        }

        // Member names ("type", "properties", each property's name) and short values ("Feature", "Point", a lamp
        // type) repeat in every feature: each is made a string once and the same string handed out again, instead of
        // a new string per token. At most MaxShared are kept, so a file of ever new names costs no more than before.
        private const int MaxSharedName = 128, MaxSharedValue = 8, MaxShared = 4096;
        private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);

        private string Shared(ref Utf8JsonReader reader, int maxChars)
        {
            if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > maxChars) return reader.GetString()!;
            Span<char> chars = stackalloc char[MaxSharedName];
            if (System.Text.Unicode.Utf8.ToUtf16(reader.ValueSpan, chars, out _, out var written, replaceInvalidSequences: false)
                != System.Buffers.OperationStatus.Done)
                return reader.GetString()!; // which refuses what is not text
            var lookup = _shared.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(chars[..written], out var known)) return known;
            var text = new string(chars[..written]);
            if (_shared.Count < MaxShared) _shared.Add(text, text);
            return text;
        }

        private struct Token
        {
            public JsonTokenType Type;
            public string? Text;
            public double Number;
            public bool NumberIsFinite;
            public bool IsInteger;
            public long Integer;
        }

        private void Fill()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
            {
                if (_buffer.Length >= _maxToken)
                    throw new ImportFileException(new LocalizedText($"A value in the GeoJSON is longer than {_maxToken} bytes.", $"GeoJSON 中有超过 {_maxToken} 字节的值。"));
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) _final = true;
            _end += n;
        }

        public ImportFileException Truncated() => new(new LocalizedText("The GeoJSON ends in the middle of a feature.", "GeoJSON 在要素中途结束。"));

        public ImportFileException Unexpected(string where) => new(new LocalizedText(
            $"The GeoJSON has a {Type} where {where} was expected.", $"GeoJSON 中应为 {where} 的位置出现了 {Type}。"));

        public void Expect(JsonTokenType type, string where)
        {
            if (!Read()) throw Truncated();
            if (Type != type) throw Unexpected(where);
        }

        /// <summary>The top-level object's member names, each followed by its unread value.</summary>
        public IEnumerable<string> CollectionMembers()
        {
            if (!Read()) throw new ImportFileException(new LocalizedText("The GeoJSON file is empty.", "GeoJSON 文件为空。"));
            if (Type != JsonTokenType.StartObject)
                throw new ImportFileException(new LocalizedText("The GeoJSON must be a FeatureCollection object.", "GeoJSON 须为 FeatureCollection 对象。"));
            while (NextMember() is { } m) yield return m;
        }

        /// <summary>The next member name of the current object, or null at its end.</summary>
        public string? NextMember()
        {
            if (!Read()) throw Truncated();
            if (Type == JsonTokenType.EndObject) return null;
            if (Type != JsonTokenType.PropertyName) throw Unexpected("a member name");
            return Text;
        }

        /// <summary>Reads the next element of the features array: true at a feature's start, false at the end.</summary>
        public bool ReadFeatureStart()
        {
            if (!Read()) throw Truncated();
            if (Type == JsonTokenType.StartArray) { if (!Read()) throw Truncated(); }
            if (Type == JsonTokenType.EndArray) return false;
            if (Type != JsonTokenType.StartObject) throw Unexpected("a Feature object");
            return true;
        }

        /// <summary>Skips the next value.</summary>
        public void Skip()
        {
            if (!Read()) throw Truncated();
            SkipCurrent();
        }

        /// <summary>Skips the rest of the value whose first token was just read.</summary>
        public void SkipCurrent()
        {
            if (Type is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
            var depth = 1;
            while (depth > 0)
            {
                if (!Read()) throw Truncated();
                if (Type is JsonTokenType.StartObject or JsonTokenType.StartArray) depth++;
                else if (Type is JsonTokenType.EndObject or JsonTokenType.EndArray) depth--;
            }
        }

        /// <summary>The object or array just started, as compact JSON text (at most <paramref name="maxBytes"/>).</summary>
        public string CaptureRaw(long maxBytes)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                var depth = 0;
                do
                {
                    switch (Type)
                    {
                        case JsonTokenType.StartObject: w.WriteStartObject(); depth++; break;
                        case JsonTokenType.StartArray: w.WriteStartArray(); depth++; break;
                        case JsonTokenType.EndObject: w.WriteEndObject(); depth--; break;
                        case JsonTokenType.EndArray: w.WriteEndArray(); depth--; break;
                        case JsonTokenType.PropertyName: w.WritePropertyName(Text); break;
                        case JsonTokenType.String: w.WriteStringValue(Text); break;
                        case JsonTokenType.Number: if (IsInteger) w.WriteNumberValue(Integer); else w.WriteNumberValue(Number); break;
                        case JsonTokenType.True: w.WriteBooleanValue(true); break;
                        case JsonTokenType.False: w.WriteBooleanValue(false); break;
                        default: w.WriteNullValue(); break;
                    }
                    if (w.BytesPending + w.BytesCommitted > maxBytes)
                        throw new ImportFileException(new LocalizedText("A property value in the GeoJSON is too large.", "GeoJSON 中有属性值过大。"));
                    if (depth == 0) break;
                } while (Read());
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        public void Dispose() => _stream.Dispose();
    }
}
