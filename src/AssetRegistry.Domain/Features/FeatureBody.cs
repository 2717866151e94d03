using System.Reflection;
using System.Globalization;
using System.Text.Json;
using AssetRegistry.Domain.Assets;
using NetTopologySuite.Geometries;
using AssetRegistry.Domain.Spatial;

namespace AssetRegistry.Domain.Features;

/// <summary>
/// A write request parsed against a kind: the attribute values it sets (converted to the properties' types) and
/// the geometry, if any. Parsing collects every problem as a field error (<c>properties.depth_m</c>,
/// <c>geometry</c>, <c>body</c>) rather than stopping at the first.
/// </summary>
public sealed class FeatureBody
{
    /// <summary>Attributes the body sets, with their converted values (null clears).</summary>
    public IReadOnlyDictionary<AttributeDefinition, object?> Values => _values;
    private readonly Dictionary<AttributeDefinition, object?> _values = [];

    /// <summary>The geometry given, or null when the body has none (allowed for PATCH only).</summary>
    public Geometry? Geometry { get; private set; }

    /// <summary>Parses a GeoJSON Feature (POST, PUT) or a merge patch (PATCH: <c>properties</c> and/or
    /// <c>geometry</c>, no <c>type</c> needed).</summary>
    public static FeatureBody Parse(AssetKind kind, JsonDocument document, bool isPatch, ValidationErrors errors)
    {
        var body = new FeatureBody();
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "The body must be a JSON object (a GeoJSON Feature).");
            return body;
        }
        foreach (var member in root.EnumerateObject())
        {
            switch (member.Name)
            {
                case "type":
                    if (member.Value.ValueKind != JsonValueKind.String || member.Value.GetString() != "Feature")
                        errors.Add("type", "The type must be \"Feature\".");
                    break;
                case "id":
                case "links":
                case "bbox":
                    break; // The id comes from the URL; links and bbox are derived.
                case "geometry":
                    body.Geometry = GeoJsonGeometry.Read(member.Value, errors);
                    break;
                case "properties":
                    if (member.Value.ValueKind == JsonValueKind.Object)
                        body.ParseProperties(kind, member.Value, errors);
                    else if (member.Value.ValueKind != JsonValueKind.Null)
                        errors.Add("properties", "The properties must be a JSON object.");
                    break;
                default:
                    errors.Add(member.Name, $"Unknown member '{member.Name}' of a Feature.");
                    break;
            }
        }
        if (!isPatch)
        {
            if (!root.TryGetProperty("type", out _)) errors.Add("type", "The type must be \"Feature\".");
            if (body.Geometry is null && !errors.ToDictionary().ContainsKey("geometry"))
                errors.Add("geometry", "A geometry is required.");
        }
        return body;
    }

    private void ParseProperties(AssetKind kind, JsonElement properties, ValidationErrors errors)
    {
        foreach (var p in properties.EnumerateObject())
        {
            var field = p.Name;
            var attribute = kind.FindAttribute(p.Name);
            if (attribute is null)
            {
                errors.Add(field, $"Unknown property '{p.Name}' for {kind.CollectionId}.");
                continue;
            }
            if (attribute.ReadOnly) continue; // Derived and audit fields are the server's; sending them back is harmless.
            if (p.Value.ValueKind == JsonValueKind.Null)
            {
                if (attribute.Required || !IsNullable(attribute)) errors.Add(field, $"{attribute.Name} is required and may not be null.");
                else _values[attribute] = null;
                continue;
            }
            var (value, problem) = Convert(attribute, p.Value);
            if (problem is not null) errors.Add(field, problem);
            else _values[attribute] = value;
        }
    }

    /// <summary>True when the attribute's property accepts null.</summary>
    public static bool IsNullable(AttributeDefinition a) =>
        !a.Property.PropertyType.IsValueType
            ? new NullabilityInfoContext().Create(a.Property).WriteState != NullabilityState.NotNull
            : Nullable.GetUnderlyingType(a.Property.PropertyType) is not null;

    /// <summary>Converts a JSON value to the attribute's CLR type, or says why it cannot.</summary>
    public static (object? Value, string? Problem) Convert(AttributeDefinition a, JsonElement v)
    {
        var target = Nullable.GetUnderlyingType(a.Property.PropertyType) ?? a.Property.PropertyType;
        switch (a.Type)
        {
            case AttributeType.Text:
                if (v.ValueKind != JsonValueKind.String) return (null, "must be a string");
                var s = v.GetString()!;
                if (a.MaxLength is { } max && s.Length > max) return (null, $"must be at most {max} characters (got {s.Length})");
                if (s.Any(char.IsControl)) return (null, "must not contain control characters");
                return (s, null);
            case AttributeType.Enumeration:
                if (v.ValueKind != JsonValueKind.String || !a.Values.Contains(v.GetString()!))
                    return (null, $"must be one of: {string.Join(", ", a.Values)}");
                return (v.GetString(), null);
            case AttributeType.Boolean:
                return v.ValueKind is JsonValueKind.True or JsonValueKind.False ? (v.GetBoolean(), null) : (null, "must be true or false");
            case AttributeType.Date:
                if (v.ValueKind == JsonValueKind.String &&
                    DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    return (d, null);
                return (null, "must be a date as yyyy-MM-dd");
            case AttributeType.Integer:
            case AttributeType.Reference:
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var l)) return (null, "must be a whole number");
                if (a.Type == AttributeType.Reference && l <= 0) return (null, "must be a feature id (a positive whole number)");
                if (l < a.Minimum || l > a.Maximum) return (null, $"must be between {a.Minimum} and {a.Maximum}{UnitSuffix(a)} (got {l})");
                return (target == typeof(int) ? (object)checked((int)l) : l, null);
            case AttributeType.Number:
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var x) || !double.IsFinite(x)) return (null, "must be a number");
                if (x < a.Minimum || x > a.Maximum)
                    return (null, string.Create(CultureInfo.InvariantCulture, $"must be between {a.Minimum} and {a.Maximum}{UnitSuffix(a)} (got {x})"));
                return (x, null);
            default:
                return (null, "cannot be written");
        }
    }

    private static string UnitSuffix(AttributeDefinition a) => a.Unit is null ? "" : " " + a.Unit;
}
