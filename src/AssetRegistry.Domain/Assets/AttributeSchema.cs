using System.Linq.Expressions;

namespace AssetRegistry.Domain.Assets;

/// <summary>
/// Fluent builder for the attribute list of one asset kind. Names are derived from the property names
/// (PascalCase → snake_case) so that API, column and property never drift apart.
/// </summary>
public sealed class AttributeSchema<T> where T : Asset
{
    private readonly List<AttributeDefinition> _items = [];

    /// <summary>The attributes declared so far, in declaration order.</summary>
    public IReadOnlyList<AttributeDefinition> Items => _items;

    private AttributeSchema<T> Add(Expression<Func<T, object?>> selector, AttributeType type, string zh, string en,
        Action<AttributeDefinition>? configure)
    {
        var property = AttributeDefinition.PropertyOf(selector);
        var def = new AttributeDefinition(property, AttributeDefinition.ToSnakeCase(property.Name), type)
        {
            TitleZh = zh,
            TitleEn = en,
        };
        configure?.Invoke(def);
        _items.Add(def);
        return this;
    }

    /// <summary>A text attribute of at most <paramref name="maxLength"/> characters.</summary>
    public AttributeSchema<T> Text(Expression<Func<T, object?>> p, string zh, string en, int maxLength = 200, bool required = false) =>
        Add(p, AttributeType.Text, zh, en, d => { d.MaxLength = maxLength; d.Required = required; });

    /// <summary>A whole number within [min, max].</summary>
    public AttributeSchema<T> Integer(Expression<Func<T, object?>> p, string zh, string en, long min, long max, string? unit = null, bool required = false) =>
        Add(p, AttributeType.Integer, zh, en, d => { d.Minimum = min; d.Maximum = max; d.Unit = unit; d.Required = required; });

    /// <summary>A real number within [min, max] (plausibility limits, not standards thresholds).</summary>
    public AttributeSchema<T> Number(Expression<Func<T, object?>> p, string zh, string en, double min, double max, string? unit = null, bool required = false) =>
        Add(p, AttributeType.Number, zh, en, d => { d.Minimum = min; d.Maximum = max; d.Unit = unit; d.Required = required; });

    /// <summary>A true/false attribute.</summary>
    public AttributeSchema<T> Boolean(Expression<Func<T, object?>> p, string zh, string en) =>
        Add(p, AttributeType.Boolean, zh, en, null);

    /// <summary>A calendar date.</summary>
    public AttributeSchema<T> Date(Expression<Func<T, object?>> p, string zh, string en) =>
        Add(p, AttributeType.Date, zh, en, null);

    /// <summary>One of <paramref name="values"/>, stored as its string code.</summary>
    public AttributeSchema<T> Enumeration(Expression<Func<T, object?>> p, string zh, string en, IReadOnlyList<string> values, bool required = false) =>
        Add(p, AttributeType.Enumeration, zh, en, d => { d.Values = values; d.Required = required; });

    /// <summary>The id of an asset in <paramref name="collection"/>.</summary>
    public AttributeSchema<T> Reference(Expression<Func<T, object?>> p, string zh, string en, string collection, bool required = false) =>
        Add(p, AttributeType.Reference, zh, en, d => { d.ReferencedCollection = collection; d.Required = required; });

    /// <summary>A value the system derives (lengths, areas, slopes); clients may send it, it is ignored.</summary>
    public AttributeSchema<T> Derived(Expression<Func<T, object?>> p, AttributeType type, string zh, string en, string? unit = null) =>
        Add(p, type, zh, en, d => { d.ReadOnly = true; d.Unit = unit; });
}
