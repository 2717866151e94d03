using NetTopologySuite.Geometries;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// One record read from an import file, before any conversion: its 1-based position in the file, its fields as
/// the file holds them (string, long, double, bool, DateTime or null; names as in the file) and its geometry in
/// the file's coordinates, easting/longitude first. When the geometry could not be read,
/// <see cref="Geometry"/> is null and <see cref="GeometryProblem"/> says why (bilingual text is made later).
/// <see cref="Fields"/> may be a <see cref="FieldRow"/> the source fills again for its next row: read a row's fields
/// before asking for the next row, and keep the values, not the dictionary.
/// </summary>
public sealed record SourceRow(long Number, IReadOnlyDictionary<string, object?> Fields, Geometry? Geometry, string? GeometryProblem);

/// <summary>
/// A file being imported, read forward-only so memory stays flat whatever the file's size. Implementations:
/// one per format (CSV, GeoJSON, zipped Shapefile, GeoPackage).
/// </summary>
public interface IFeatureSource : IAsyncDisposable
{
    /// <summary>Format name: <c>csv</c>, <c>geojson</c>, <c>shapefile</c> or <c>geopackage</c>.</summary>
    string Format { get; }

    /// <summary>The SRID the file itself declares (.prj, GeoPackage srs, GeoJSON <c>crs</c>), or null when it
    /// declares none; the importer then needs a declared CRS.</summary>
    int? FileSrid { get; }

    /// <summary>The field names in file order.</summary>
    IReadOnlyList<string> FieldNames { get; }

    /// <summary>Reads the records in file order, once.</summary>
    IAsyncEnumerable<SourceRow> ReadAsync(CancellationToken ct);
}

/// <summary>A source that can tell how far through its file it has read, for the run's progress.</summary>
public interface IReadProgress
{
    /// <summary>The share of the file read so far, 0 to 1.</summary>
    double Fraction { get; }
}

/// <summary>
/// The fields of a source whose rows all name the same fields (a CSV header, a Shapefile's or a GeoPackage table's
/// columns): the names and their lookup are made once per file and the values go into an array the source fills
/// again for each row, so a row costs no dictionary of its own. A name that appears twice keeps its first place and
/// its last value, as a dictionary filled in file order would. The source hands out the same instance for every
/// row: it holds the current row's values only until the next row is read (the import reads each row to the end
/// before asking for the next).
/// </summary>
public sealed class FieldRow : IReadOnlyDictionary<string, object?>
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _slots;
    private readonly object?[] _values;

    /// <summary>Fields named <paramref name="names"/>, in that order; <see cref="SlotOf"/> gives each name's place.</summary>
    public FieldRow(IEnumerable<string> names)
    {
        _slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = new List<string>();
        foreach (var name in names)
            if (_slots.TryAdd(name, distinct.Count)) distinct.Add(name);
        _names = [.. distinct];
        _values = new object?[_names.Length];
    }

    /// <summary>The place of <paramref name="name"/> among the values (the first place the name had).</summary>
    public int SlotOf(string name) => _slots[name];

    /// <summary>Sets the value at <paramref name="slot"/> for the current row.</summary>
    public void Set(int slot, object? value) => _values[slot] = value;

    public object? this[string key] => _values[_slots[key]];
    public IEnumerable<string> Keys => _names;
    public IEnumerable<object?> Values => _values;
    public int Count => _names.Length;
    public bool ContainsKey(string key) => _slots.ContainsKey(key);

    public bool TryGetValue(string key, out object? value)
    {
        if (_slots.TryGetValue(key, out var slot))
        {
            value = _values[slot];
            return true;
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++) yield return new KeyValuePair<string, object?>(_names[i], _values[i]);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
