using AssetRegistry.Domain.Assets;

namespace AssetRegistry.Domain.Interchange;

/// <summary>
/// dBASE field names for a kind's attributes: at most 10 ASCII characters, unique within the kind. Exports write
/// these names and imports map them back, so a Shapefile leaves and returns without a hand-made mapping. A name
/// of 10 characters or fewer is kept; a longer one is cut to 10 and, when that collides, to 8 plus a two-digit
/// counter (<c>installation_date</c> → <c>installati</c>).
/// </summary>
public static class ShapefileFieldNames
{
    /// <summary>dBASE III limit on a field name, in characters.</summary>
    public const int MaxLength = 10;

    /// <summary>The <c>id</c> column's field name; ids are not attributes but exports carry them.</summary>
    public const string Id = "id";

    /// <summary>Each attribute of <paramref name="kind"/> with its field name, in the kind's attribute order.</summary>
    public static IReadOnlyList<(AttributeDefinition Attribute, string Field)> For(AssetKind kind)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Id };
        var result = new List<(AttributeDefinition, string)>();
        foreach (var a in kind.Attributes)
        {
            var field = a.Name.Length <= MaxLength ? a.Name : a.Name[..MaxLength];
            for (var i = 1; !used.Add(field); i++) field = a.Name[..Math.Min(a.Name.Length, MaxLength - 2)] + i.ToString("00");
            result.Add((a, field));
        }
        return result;
    }
}
