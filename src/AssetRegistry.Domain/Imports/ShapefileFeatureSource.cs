using System.Runtime.CompilerServices;
using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// A zipped Shapefile read forward-only: the <c>.shp</c>, <c>.shx</c>, <c>.dbf</c>, <c>.prj</c> and <c>.cpg</c>
/// of one layer (at the zip's root or in a folder; <c>__MACOSX</c> copies ignored) are extracted through
/// <see cref="SafeZip"/> to a private temporary folder, deleted again on dispose, and read record by record, so
/// memory stays flat whatever the size. Attributes are decoded per the <c>.cpg</c>, else the DBF's language driver
/// byte, else <see cref="ShapefileOptions.DeclaredEncoding"/>, else a guess (see <see cref="DbfEncodings.Guess"/>).
/// <see cref="FileSrid"/> comes from the <c>.prj</c> (<see cref="PrjCrs"/>): null without one; a <c>.prj</c> of a
/// CRS the registry does not accept refuses the file. Coordinates are as stored: easting/longitude first.
/// Field values are string, long, double, bool, DateTime or null (blank text reads as null).
/// </summary>
public sealed class ShapefileFeatureSource : IFeatureSource
{
    private static readonly string[] Parts = [".shp", ".shx", ".dbf", ".prj", ".cpg"];
    private readonly string _folder;
    private readonly ShapefileReader _reader;
    private bool _read;

    private ShapefileFeatureSource(string folder, ShapefileReader reader, int? fileSrid, Encoding encoding, string layer)
    {
        _folder = folder;
        _reader = reader;
        FileSrid = fileSrid;
        Encoding = encoding;
        Layer = layer;
        FieldNames = reader.Fields.Select(f => f.Name).ToList();
    }

    public string Format => "shapefile";

    public int? FileSrid { get; }

    public IReadOnlyList<string> FieldNames { get; }

    /// <summary>The encoding the attributes are decoded with.</summary>
    public Encoding Encoding { get; }

    /// <summary>The Shapefile's name in the zip, without folder and <c>.shp</c>.</summary>
    public string Layer { get; }

    /// <summary>The number of records the file holds, deleted ones included.</summary>
    public int RecordCount => _reader.RecordCount;

    /// <summary>Opens the Shapefile in the zip at <paramref name="zipPath"/>. Refuses (400, field <c>file</c>) a zip
    /// that is unsafe or too large (<see cref="SafeZip"/>), that holds no <c>.shp</c>, several without
    /// <see cref="ShapefileOptions.Layer"/> naming one, a <c>.shp</c> without its <c>.dbf</c>, a <c>.cpg</c> naming an
    /// unknown encoding with none declared, or a <c>.prj</c> of a CRS that is not accepted.</summary>
    public static async Task<ShapefileFeatureSource> OpenAsync(string zipPath, ShapefileOptions options, CancellationToken ct)
    {
        var folder = MakePrivateFolder(options.TempRoot);
        try
        {
            string layer;
            using (var zip = SafeZip.Open(zipPath, options.Limits))
            {
                var shp = ChooseShp(zip.Entries, options.Layer);
                layer = Path.GetFileNameWithoutExtension(shp.Replace('\\', '/').Split('/')[^1]);
                var stem = shp[..^4];
                foreach (var part in Parts)
                {
                    var entry = zip.Entries.FirstOrDefault(e => e.Length == shp.Length && e.StartsWith(stem, StringComparison.OrdinalIgnoreCase)
                                                               && e.EndsWith(part, StringComparison.OrdinalIgnoreCase));
                    if (entry is not null) await zip.ExtractAsync(entry, Path.Combine(folder, "layer" + part), ct);
                    else if (part == ".dbf")
                        throw ImportFileErrors.Refuse($"The zip holds {Printable(shp)} but not its .dbf (the attributes).",
                            $"压缩包中有 {Printable(shp)}，但缺少其 .dbf 属性文件。");
                }
            }

            var encoding = ChooseEncoding(folder, options.DeclaredEncoding);
            var fileSrid = ReadSrid(folder);
            ShapefileReader reader;
            try
            {
                reader = Shapefile.OpenRead(Path.Combine(folder, "layer.shp"), new ShapefileReaderOptions
                {
                    Encoding = encoding,
                    // Keep a ring or line the file gets wrong as it is: the import validates each geometry and
                    // refuses that row with a reason, instead of the whole file failing here.
                    GeometryBuilderMode = GeometryBuilderMode.IgnoreInvalidShapes,
                });
            }
            catch (Exception e) when (e is ShapefileException or IOException or ArgumentException or InvalidOperationException or NotSupportedException)
            {
                throw ImportFileErrors.Refuse("The Shapefile in the zip cannot be read: its .shp, .shx or .dbf is damaged.",
                    "压缩包中的 Shapefile 无法读取：.shp、.shx 或 .dbf 文件已损坏。");
            }
            return new ShapefileFeatureSource(folder, reader, fileSrid, encoding, layer);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    public async IAsyncEnumerable<SourceRow> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        if (_read) throw new InvalidOperationException("A Shapefile source is read once.");
        _read = true;
        long number = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            string? problem = null;
            bool more, deleted = false;
            try
            {
                more = _reader.Read(out deleted);
            }
            catch (Exception e) when (e is ShapefileException or ArgumentException or InvalidOperationException or EndOfStreamException)
            {
                // A record whose bytes cannot be parsed leaves the reader's position unknown: the rest of the file
                // cannot be trusted either.
                throw ImportFileErrors.Refuse($"Record {number + 1} of the Shapefile cannot be read; the file is damaged.",
                    $"Shapefile 第 {number + 1} 条记录无法读取，文件已损坏。");
            }
            if (!more) yield break;
            number++;
            if (deleted) continue;
            var geometry = _reader.Geometry;
            if (geometry is null || geometry.IsEmpty)
            {
                geometry = null;
                problem = "The record has no shape (a null or empty shape).";
            }
            var fields = new Dictionary<string, object?>(FieldNames.Count, StringComparer.Ordinal);
            foreach (var field in _reader.Fields) fields[field.Name] = Normalise(field.Value);
            yield return new SourceRow(number, fields, geometry, problem);
            if (number % 1000 == 0) await Task.Yield();
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The one <c>.shp</c> to read: the only one, or the one named <paramref name="layer"/>.</summary>
    private static string ChooseShp(IReadOnlyList<string> entries, string? layer)
    {
        var shps = entries.Where(e => e.EndsWith(".shp", StringComparison.OrdinalIgnoreCase) && !IsJunk(e)).ToList();
        if (layer is not null)
            shps = shps.Where(e => Path.GetFileNameWithoutExtension(e.Replace('\\', '/').Split('/')[^1]).Equals(layer, StringComparison.OrdinalIgnoreCase)).ToList();
        if (shps.Count == 1) return shps[0];
        if (shps.Count == 0 && layer is not null)
            throw ImportFileErrors.Refuse($"The zip holds no Shapefile named \"{Printable(layer)}\".", $"压缩包中没有名为“{Printable(layer)}”的 Shapefile。");
        if (shps.Count == 0)
            throw ImportFileErrors.Refuse("The zip holds no .shp file: upload a zip with one Shapefile (.shp, .shx, .dbf, and .prj, .cpg when there are).",
                "压缩包中没有 .shp 文件：请上传包含一个 Shapefile（.shp、.shx、.dbf，以及 .prj、.cpg）的压缩包。");
        var names = string.Join(", ", shps.Select(Printable));
        throw ImportFileErrors.Refuse($"The zip holds several Shapefiles ({names}); import them one at a time.",
            $"压缩包中有多个 Shapefile（{names}），请逐个导入。");
    }

    /// <summary>macOS Finder zips carry resource-fork copies (<c>__MACOSX/</c>, <c>._name</c>) that are not data.</summary>
    private static bool IsJunk(string entry)
    {
        var segments = entry.Replace('\\', '/').Split('/');
        return segments.Contains("__MACOSX") || segments[^1].StartsWith("._", StringComparison.Ordinal);
    }

    private static Encoding ChooseEncoding(string folder, Encoding? declared)
    {
        var cpgPath = Path.Combine(folder, "layer.cpg");
        if (File.Exists(cpgPath))
        {
            var cpg = File.ReadAllText(cpgPath, Encoding.ASCII);
            var fromCpg = DbfEncodings.FromCpg(cpg);
            if (fromCpg is not null) return fromCpg;
            if (declared is not null) return declared;
            var shown = Printable(cpg.Trim());
            throw ImportFileErrors.Refuse($"The .cpg names the encoding \"{shown}\", which is not known; declare the encoding (UTF-8 or GBK).",
                $".cpg 文件指定的编码“{shown}”无法识别，请声明编码（UTF-8 或 GBK）。");
        }
        using var dbf = File.OpenRead(Path.Combine(folder, "layer.dbf"));
        var header = new byte[32];
        if (dbf.ReadAtLeast(header, 32, throwOnEndOfStream: false) < 32)
            throw ImportFileErrors.Refuse("The Shapefile's .dbf is too short to be a dBASE file.", "Shapefile 的 .dbf 文件过短，不是有效的 dBASE 文件。");
        var fromDriver = DbfEncodings.FromLanguageDriver(header[29]);
        if (fromDriver is not null) return fromDriver;
        if (declared is not null) return declared;
        return GuessEncoding(dbf, BitConverter.ToUInt16(header, 8));
    }

    /// <summary>Guesses from the text only: the field names (the first 11 bytes of each 32-byte descriptor after
    /// the 32-byte header) and the records (after the header's length); the header's binary parts would spoil it.</summary>
    private static Encoding GuessEncoding(FileStream dbf, int headerLength)
    {
        var names = new MemoryStream();
        var descriptor = new byte[32];
        while (dbf.Position + 32 <= headerLength && dbf.ReadAtLeast(descriptor, 32, throwOnEndOfStream: false) == 32 && descriptor[0] != 0x0D)
        {
            var end = Array.IndexOf(descriptor, (byte)0, 0, 11);
            names.Write(descriptor, 0, end < 0 ? 11 : end);
        }
        names.Position = 0;
        if (DbfEncodings.Guess(names) != DbfEncodings.Utf8) return DbfEncodings.Gbk;
        dbf.Position = headerLength;
        return DbfEncodings.Guess(dbf);
    }

    private static int? ReadSrid(string folder)
    {
        var prjPath = Path.Combine(folder, "layer.prj");
        if (!File.Exists(prjPath)) return null;
        var prj = File.ReadAllText(prjPath, Encoding.UTF8);
        if (string.IsNullOrWhiteSpace(prj)) return null;
        var match = PrjCrs.Recognise(prj);
        if (match.Srid is not null) return match.Srid;
        var name = Printable(match.Name);
        throw ImportFileErrors.Refuse(
            $"The .prj describes the coordinate reference system \"{name}\", which the registry does not accept; accepted are WGS 84 (EPSG:4326), CGCS2000 (EPSG:4490) and CGCS2000 3-degree Gauss–Krüger CM 114°, 117°, 120° E (EPSG:4547–4549). Reproject the data, or remove the .prj and declare the CRS.",
            $".prj 文件描述的坐标参照系“{name}”不受支持；支持的有 WGS 84（EPSG:4326）、CGCS2000（EPSG:4490）及 CGCS2000 3度带高斯-克吕格 中央经线 114°、117°、120°（EPSG:4547–4549）。请先转换坐标，或删除 .prj 后声明坐标系。");
    }

    private static string MakePrivateFolder(string? root)
    {
        if (root is null) return Directory.CreateTempSubdirectory("assetregistry-import-").FullName;
        var path = Path.Combine(root, "assetregistry-import-" + Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>DBF values as the import contract has them: whole numbers as long, other numbers as double, blank
    /// text as null.</summary>
    private static object? Normalise(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        int i => (long)i,
        long l => l,
        short s => (long)s,
        double d => d,
        float f => (double)f,
        decimal m => (double)m,
        bool b => b,
        DateTime t => t,
        _ => value.ToString(),
    };

    private static string Printable(string name) => new(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
