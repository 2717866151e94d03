using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Interchange;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// Which attribute each source field fills. A field named in the explicit mapping goes where it says (an empty
/// target ignores the field); any other field is matched automatically: the attribute's name, then its Chinese
/// title (<see cref="AttributeDefinition.TitleZh"/>), then its Shapefile field name
/// (<see cref="ShapefileFieldNames"/>), case-insensitively; the first field to claim an attribute keeps it.
/// Derived and audit attributes are never filled; unmatched fields are ignored and listed in the run.
/// </summary>
public sealed class FieldMapping
{
    private readonly AssetKind _kind;
    private readonly IReadOnlyDictionary<string, string> _explicit;
    private readonly Dictionary<string, AttributeDefinition?> _resolved = new(StringComparer.Ordinal);
    private readonly HashSet<AttributeDefinition> _claimed = [];
    private readonly Dictionary<string, AttributeDefinition> _byShapefileName;

    private FieldMapping(AssetKind kind, IReadOnlyDictionary<string, string> explicitMapping)
    {
        _kind = kind;
        _explicit = explicitMapping;
        _byShapefileName = ShapefileFieldNames.For(kind).ToDictionary(p => p.Field, p => p.Attribute, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Checks the explicit mapping against the kind: every target must be a writable attribute and no two
    /// fields may fill the same one. Throws <see cref="AssetValidationException"/> on field <c>mapping</c>.</summary>
    public static FieldMapping Create(AssetKind kind, IReadOnlyDictionary<string, string>? explicitMapping)
    {
        var errors = new ValidationErrors();
        var map = explicitMapping ?? new Dictionary<string, string>();
        foreach (var (source, target) in map)
        {
            if (string.IsNullOrEmpty(target)) continue;
            var a = kind.FindAttribute(target);
            if (a is null)
                errors.Add("mapping", new LocalizedText($"'{source}' maps to '{target}', which is not an attribute of {kind.CollectionId}.",
                    $"“{source}”映射到的“{target}”不是{kind.TitleZh}的属性。"));
            else if (a.ReadOnly)
                errors.Add("mapping", new LocalizedText($"'{source}' maps to '{target}', which the registry derives and cannot be imported.",
                    $"“{source}”映射到的“{target}”由系统生成，不能导入。"));
        }
        foreach (var g in map.Where(m => !string.IsNullOrEmpty(m.Value)).GroupBy(m => m.Value).Where(g => g.Count() > 1))
            errors.Add("mapping", new LocalizedText($"{string.Join(", ", g.Select(m => m.Key))} all map to '{g.Key}'.",
                $"{string.Join("、", g.Select(m => m.Key))} 都映射到“{g.Key}”。"));
        errors.ThrowIfAny();
        var mapping = new FieldMapping(kind, map);
        foreach (var target in map.Values.Where(v => !string.IsNullOrEmpty(v))) mapping._claimed.Add(kind.FindAttribute(target)!);
        return mapping;
    }

    /// <summary>The attribute <paramref name="field"/> fills, or null when it is ignored. Stable per field.</summary>
    public AttributeDefinition? Resolve(string field)
    {
        if (_resolved.TryGetValue(field, out var known)) return known;
        AttributeDefinition? a;
        if (_explicit.TryGetValue(field, out var target)) a = string.IsNullOrEmpty(target) ? null : _kind.FindAttribute(target);
        else
        {
            var name = field.Trim();
            a = _kind.Attributes.FirstOrDefault(x => x.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? _kind.Attributes.FirstOrDefault(x => x.TitleZh == name)
                ?? _byShapefileName.GetValueOrDefault(name);
            if (a is not null && (a.ReadOnly || !_claimed.Add(a))) a = null;
        }
        _resolved[field] = a;
        return a;
    }

    /// <summary>The mapping in effect for <paramref name="fields"/>: source field → attribute name, ignored ones left out.</summary>
    public IReadOnlyDictionary<string, string> Describe(IEnumerable<string> fields) =>
        fields.Select(f => (f, a: Resolve(f))).Where(p => p.a is not null).ToDictionary(p => p.f, p => p.a!.Name, StringComparer.Ordinal);
}
