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
            errors.Add("body", new LocalizedText("The body must be a JSON object (a GeoJSON Feature).", "请求体须为 JSON 对象（GeoJSON Feature）。"));
            return body;
        }
        foreach (var member in root.EnumerateObject())
        {
            switch (member.Name)
            {
                case "type":
                    if (member.Value.ValueKind != JsonValueKind.String || member.Value.GetString() != "Feature")
                        errors.Add("type", new LocalizedText("The type must be \"Feature\".", "type 须为 \"Feature\"。"));
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
                        errors.Add("properties", new LocalizedText("The properties must be a JSON object.", "properties 须为 JSON 对象。"));
                    break;
                default:
                    errors.Add(member.Name, new LocalizedText($"Unknown member '{member.Name}' of a Feature.", $"Feature 中没有成员“{member.Name}”。"));
                    break;
            }
        }
        if (!isPatch)
        {
            if (!root.TryGetProperty("type", out _)) errors.Add("type", new LocalizedText("The type must be \"Feature\".", "type 须为 \"Feature\"。"));
            if (body.Geometry is null && !errors.Has("geometry"))
                errors.Add("geometry", new LocalizedText("A geometry is required.", "必须提供几何图形。"));
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
                errors.Add(field, new LocalizedText($"Unknown property '{p.Name}' for {kind.CollectionId}.", $"{kind.TitleZh}没有属性“{p.Name}”。"));
                continue;
            }
            if (attribute.ReadOnly) continue; // Derived and audit fields are the server's; sending them back is harmless.
            if (p.Value.ValueKind == JsonValueKind.Null)
            {
                if (attribute.Required || !IsNullable(attribute))
                    errors.Add(field, AttributeChecks.Required(attribute));
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

    /// <summary>Converts a JSON value to the attribute's CLR type, or says why it cannot (limits from
    /// <see cref="AttributeChecks"/>).</summary>
    public static (object? Value, LocalizedText? Problem) Convert(AttributeDefinition a, JsonElement v)
    {
        var target = Nullable.GetUnderlyingType(a.Property.PropertyType) ?? a.Property.PropertyType;
        switch (a.Type)
        {
            case AttributeType.Text:
                if (v.ValueKind != JsonValueKind.String) return (null, AttributeChecks.NotAString);
                var s = v.GetString()!;
                return AttributeChecks.Text(a, s) is { } textProblem ? (null, textProblem) : (s, null);
            case AttributeType.Enumeration:
                if (v.ValueKind != JsonValueKind.String) return (null, AttributeChecks.Enumeration(a, ""));
                return AttributeChecks.Enumeration(a, v.GetString()!) is { } enumProblem ? (null, enumProblem) : (v.GetString(), null);
            case AttributeType.Boolean:
                return v.ValueKind is JsonValueKind.True or JsonValueKind.False ? (v.GetBoolean(), null) : (null, AttributeChecks.NotABoolean);
            case AttributeType.Date:
                if (v.ValueKind == JsonValueKind.String &&
                    DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    return (d, null);
                return (null, AttributeChecks.NotADate);
            case AttributeType.Integer:
            case AttributeType.Reference:
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var l)) return (null, AttributeChecks.NotAWholeNumber);
                if (AttributeChecks.Integer(a, l) is { } intProblem) return (null, intProblem);
                return (target == typeof(int) ? (object)checked((int)l) : l, null);
            case AttributeType.Number:
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var x) || !double.IsFinite(x)) return (null, AttributeChecks.NotANumber);
                return AttributeChecks.Number(a, x) is { } numberProblem ? (null, numberProblem) : (x, null);
            default:
                return (null, AttributeChecks.NotWritable);
        }
    }

}
