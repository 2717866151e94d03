using System.Globalization;
using AssetRegistry.Domain.Assets;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// Which staged rows give which attributes, for files whose rows need not all carry the same fields (a GeoJSON
/// feature without some of the properties other features have). A row's <c>import_given</c> is null when it gives
/// every attribute the rows before it gave, else the bits, by place among the kind's writable attributes
/// (<see cref="ImportSql.Writable"/>), of those it gives; with each attribute's first row, that tells for every row
/// whether it gives the attribute. A row that lacks one is treated as a file without that field: a matched asset
/// keeps its stored value, a new one takes the kind's default (<see cref="ImportSql.DefaultLacking"/>). A property
/// given as null is a value: it clears the attribute. Rows of CSV, Shapefile and GeoPackage files all carry the
/// same fields, so for them every row gives every mapped attribute and nothing here adds SQL.
/// </summary>
public sealed class GivenAttributes
{
    private readonly Dictionary<AttributeDefinition, long> _firstRow;
    private readonly Dictionary<AttributeDefinition, int> _place;
    private readonly long _fileFirstRow;
    private readonly bool _someRowLacks;

    /// <param name="writable">The kind's writable attributes, in staging order.</param>
    /// <param name="firstRow">Each attribute the file gives, with the number of the first row that gives it.</param>
    /// <param name="fileFirstRow">The number of the file's first row.</param>
    /// <param name="someRowLacks">Whether any row was staged with a non-null <c>import_given</c>.</param>
    public GivenAttributes(IReadOnlyList<AttributeDefinition> writable, IReadOnlyDictionary<AttributeDefinition, long> firstRow, long fileFirstRow, bool someRowLacks)
    {
        _firstRow = new Dictionary<AttributeDefinition, long>(firstRow);
        _place = writable.Select((a, i) => (a, i)).ToDictionary(p => p.a, p => p.i);
        _fileFirstRow = fileFirstRow;
        _someRowLacks = someRowLacks;
    }

    /// <summary>SQL over the staging row <c>s</c> that is true when it gives <paramref name="a"/>, or null when
    /// every row does.</summary>
    public string? Sql(AttributeDefinition a)
    {
        if (!_firstRow.TryGetValue(a, out var first)) return null;
        if (!_someRowLacks && first <= _fileFirstRow) return null;
        var bit = (1L << _place[a]).ToString(CultureInfo.InvariantCulture);
        var from = first.ToString(CultureInfo.InvariantCulture);
        return _someRowLacks
            ? $"(case when s.import_given is null then s.import_row >= {from} else s.import_given & {bit} <> 0 end)"
            : $"s.import_row >= {from}";
    }
}
