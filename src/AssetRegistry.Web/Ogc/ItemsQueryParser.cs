using System.Globalization;
using System.Text.Json;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.Persistence;

namespace AssetRegistry.Web.Ogc;

/// <summary>
/// Turns the items query string into a <see cref="FeatureQuery"/>: <c>bbox</c>, <c>limit</c> (clamped to the
/// maximum, as OGC API – Features requires), <c>offset</c>, and equality filters on the kind's attributes. An
/// unknown parameter or a value of the wrong type is a 400 naming the parameter.
/// </summary>
public static class ItemsQueryParser
{
    private static readonly HashSet<string> Reserved = ["bbox", "limit", "offset", "f", "bbox-crs"];

    public static FeatureQuery Parse(AssetKind kind, IQueryCollection query, RegistryRules rules)
    {
        var errors = new ValidationErrors();
        var limit = rules.DefaultPageSize;
        long offset = 0;
        BoundingBox? bbox = null;
        var filters = new List<AttributeFilter>();
        foreach (var (name, values) in query)
        {
            var text = values.ToString();
            switch (name)
            {
                case "limit":
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
                        errors.Add("limit", "limit must be a whole number of at least 1.");
                    limit = Math.Min(limit, rules.MaxPageSize);
                    break;
                case "offset":
                    if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
                        errors.Add("offset", "offset must be a whole number of at least 0.");
                    break;
                case "bbox":
                    bbox = ParseBbox(text, errors);
                    break;
                case "bbox-crs":
                    if (text != "http://www.opengis.net/def/crs/OGC/1.3/CRS84")
                        errors.Add("bbox-crs", "Only CRS84 (longitude, latitude) is supported for bbox.");
                    break;
                case "f":
                    if (text is not ("json" or "geojson")) errors.Add("f", "f must be json or geojson.");
                    break;
                default:
                    var attribute = kind.FindAttribute(name);
                    if (attribute is null || attribute.Type == AttributeType.Timestamp)
                    {
                        errors.Add(name, $"Unknown parameter '{name}'. Filter on one of: {string.Join(", ", kind.Attributes.Where(a => a.Type != AttributeType.Timestamp).Select(a => a.Name))}.");
                        break;
                    }
                    var (value, problem) = FeatureBody.Convert(attribute, AsJson(attribute, text));
                    if (problem is not null || value is null)
                        errors.Add(name, new LocalizedText($"{name} {problem?.En ?? "must have a value"}.", $"{name} {problem?.Zh ?? "须有取值"}。"));
                    else filters.Add(new AttributeFilter(attribute, value));
                    break;
            }
        }
        errors.ThrowIfAny();
        return new FeatureQuery(kind, bbox, filters, limit, offset);
    }

    /// <summary>A query-string value as the JSON value the attribute expects, so one converter checks both.</summary>
    private static JsonElement AsJson(AttributeDefinition a, string text)
    {
        var json = a.Type switch
        {
            AttributeType.Integer or AttributeType.Reference or AttributeType.Number =>
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? text : JsonSerializer.Serialize(text),
            AttributeType.Boolean => text is "true" or "false" ? text : JsonSerializer.Serialize(text),
            _ => JsonSerializer.Serialize(text),
        };
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static BoundingBox? ParseBbox(string text, ValidationErrors errors)
    {
        var parts = text.Split(',');
        var numbers = new double[parts.Length];
        var ok = parts.Length is 4 or 6 && parts.Select((p, i) =>
            double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i])).All(x => x);
        if (!ok)
        {
            errors.Add("bbox", "bbox must be four numbers: minLon,minLat,maxLon,maxLat (CRS84).");
            return null;
        }
        var (minLon, minLat, maxLon, maxLat) = parts.Length == 4
            ? (numbers[0], numbers[1], numbers[2], numbers[3])
            : (numbers[0], numbers[1], numbers[3], numbers[4]);
        if (minLat > maxLat || minLon is < -180 or > 180 || maxLon is < -180 or > 180 || minLat < -90 || maxLat > 90)
        {
            errors.Add("bbox", "bbox must be minLon,minLat,maxLon,maxLat in degrees, with minLat ≤ maxLat.");
            return null;
        }
        if (minLon > maxLon)
        {
            errors.Add("bbox", "bbox crossing the antimeridian is not supported.");
            return null;
        }
        return new BoundingBox(minLon, minLat, maxLon, maxLat);
    }
}
