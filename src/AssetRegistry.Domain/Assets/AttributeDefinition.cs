using System.Linq.Expressions;
using System.Reflection;

namespace AssetRegistry.Domain.Assets;

/// <summary>The JSON and column type of an attribute.</summary>
public enum AttributeType
{
    /// <summary>Free text, optionally length-limited.</summary>
    Text,
    /// <summary>A whole number (64-bit).</summary>
    Integer,
    /// <summary>A real number (double precision).</summary>
    Number,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>An ISO 8601 calendar date (yyyy-MM-dd).</summary>
    Date,
    /// <summary>A timestamp with time zone, ISO 8601.</summary>
    Timestamp,
    /// <summary>One of a fixed list of string codes.</summary>
    Enumeration,
    /// <summary>The id of another asset (a bigint).</summary>
    Reference,
}

/// <summary>
/// One typed attribute of an asset kind: its API and column name (snake_case, the same in both), type, limits
/// and titles. The definitions are the allow-list for every name that reaches SQL from a request.
/// </summary>
public sealed class AttributeDefinition
{
    private readonly Func<object, object?> _get;
    private readonly Action<object, object?>? _set;

    internal AttributeDefinition(PropertyInfo property, string name, AttributeType type)
    {
        Property = property;
        Name = name;
        Type = type;
        _get = property.GetValue;
        var setter = property.GetSetMethod(nonPublic: true);
        _set = setter is null ? null : (target, value) => setter.Invoke(target, [value]);
    }

    /// <summary>API property name and database column name (snake_case).</summary>
    public string Name { get; }

    /// <summary>The attribute's type.</summary>
    public AttributeType Type { get; }

    /// <summary>The entity property holding the value.</summary>
    public PropertyInfo Property { get; }

    /// <summary>A value must be given on create and may not be null.</summary>
    public bool Required { get; internal set; }

    /// <summary>Set by the system (derived or audit); ignored when a client sends it.</summary>
    public bool ReadOnly { get; internal set; }

    /// <summary>Smallest allowed value (Integer, Number), inclusive.</summary>
    public double? Minimum { get; internal set; }

    /// <summary>Largest allowed value (Integer, Number), inclusive.</summary>
    public double? Maximum { get; internal set; }

    /// <summary>Longest allowed text, in characters.</summary>
    public int? MaxLength { get; internal set; }

    /// <summary>Allowed codes of an Enumeration.</summary>
    public IReadOnlyList<string> Values { get; internal set; } = [];

    /// <summary>For a Reference: the collection id of the referenced kind.</summary>
    public string? ReferencedCollection { get; internal set; }

    /// <summary>Unit of measure (m, mm, W, cm, min, m²), if any.</summary>
    public string? Unit { get; internal set; }

    /// <summary>Simplified Chinese title.</summary>
    public string TitleZh { get; internal set; } = "";

    /// <summary>English title.</summary>
    public string TitleEn { get; internal set; } = "";

    /// <summary>Reads the value from an entity.</summary>
    public object? GetValue(object entity) => _get(entity);

    /// <summary>Writes a value (already validated and converted to the property's type) into an entity.</summary>
    public void SetValue(object entity, object? value)
    {
        if (_set is null) throw new InvalidOperationException($"Attribute {Name} has no setter.");
        _set(entity, value);
    }

    /// <summary>Converts a PascalCase property name to the snake_case API and column name.</summary>
    public static string ToSnakeCase(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) ||
                              (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    internal static PropertyInfo PropertyOf<T>(Expression<Func<T, object?>> selector)
    {
        var body = selector.Body is UnaryExpression u ? u.Operand : selector.Body;
        if (body is MemberExpression { Member: PropertyInfo p }) return p;
        throw new ArgumentException("Selector must name a property.", nameof(selector));
    }
}
