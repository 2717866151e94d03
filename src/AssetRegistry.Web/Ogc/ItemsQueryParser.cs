using System.Globalization;
using System.Text.Json;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.Features.Filtering;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Spatial;

namespace AssetRegistry.Web.Ogc;

/// <summary>
/// Turns the items query string into a <see cref="FeatureQuery"/>: <c>bbox</c>, <c>limit</c> (clamped to the
/// maximum, as OGC API – Features requires), <c>offset</c>, and equality filters on the kind's attributes; Part 2
/// <c>crs</c> and <c>bbox-crs</c>; Part 3 <c>filter</c> (CQL2 text), <c>filter-lang</c> and <c>filter-crs</c>; and
/// <c>sortby</c>. An unknown parameter or a value of the wrong type is a 400 naming the parameter.
/// </summary>
public static class ItemsQueryParser
{
    private static readonly HashSet<string> Reserved = ["bbox", "limit", "offset", "f", "bbox-crs", "crs", "filter", "filter-lang", "filter-crs", "sortby"];

    public static FeatureQuery Parse(AssetKind kind, IQueryCollection query, RegistryRules rules)
    {
        var errors = new ValidationErrors();
        var limit = rules.DefaultPageSize;
        long offset = 0;
        BoundingBox? bbox = null;
        var filters = new List<AttributeFilter>();
        string? bboxText = null, filterText = null;
        SupportedCrs crs = SupportedCrs.Crs84, bboxCrs = SupportedCrs.Crs84, filterCrs = SupportedCrs.Crs84;
        IReadOnlyList<FeatureSortKey> sortBy = [];
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
                    bboxText = text;
                    break;
                case "bbox-crs":
                    bboxCrs = ParseCrs("bbox-crs", text, errors);
                    break;
                case "crs":
                    crs = ParseCrs("crs", text, errors);
                    break;
                case "filter":
                    filterText = text;
                    break;
                case "filter-lang":
                    if (text != "cql2-text")
                        errors.Add("filter-lang", new LocalizedText("filter-lang must be cql2-text (the only filter language supported).", "filter-lang 须为 cql2-text（唯一支持的过滤语言）。"));
                    break;
                case "filter-crs":
                    filterCrs = ParseCrs("filter-crs", text, errors);
                    break;
                case "sortby":
                    sortBy = ParseSortBy(kind, text, errors);
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
        if (bboxText is not null && !errors.Has("bbox-crs")) bbox = ParseBbox(bboxText, bboxCrs, errors);
        FeatureFilter? filter = null;
        if (filterText is not null && !errors.Has("filter-crs") && !errors.Has("filter-lang"))
        {
            try
            {
                filter = FeatureFilter.Parse(kind, filterText, filterCrs, rules);
            }
            catch (CqlException e)
            {
                errors.Add("filter", e.Text);
            }
        }
        errors.ThrowIfAny();
        return new FeatureQuery(kind, bbox, filters, limit, offset) { Crs = crs, BboxCrs = bboxCrs, Filter = filter, SortBy = sortBy };
    }

    /// <summary>The output CRS of a single item's <c>crs</c> parameter (CRS84 when absent); a 400 naming
    /// <c>crs</c> when it is not supported.</summary>
    public static SupportedCrs ParseCrs(IQueryCollection query)
    {
        if (!query.TryGetValue("crs", out var value)) return SupportedCrs.Crs84;
        var errors = new ValidationErrors();
        var crs = ParseCrs("crs", value.ToString(), errors);
        errors.ThrowIfAny();
        return crs;
    }

    private static SupportedCrs ParseCrs(string field, string text, ValidationErrors errors)
    {
        if (SupportedCrs.Find(text) is { } crs) return crs;
        var supported = string.Join(", ", SupportedCrs.All.Select(c => c.Uri));
        errors.Add(field, new LocalizedText($"{field} '{text}' is not supported; use one of: {supported}.", $"不支持的 {field}“{text}”；可用：{supported}。"));
        return SupportedCrs.Crs84;
    }

    /// <summary><c>sortby=name,-depth_m</c>: attribute names, each ascending unless prefixed with <c>-</c>
    /// (<c>+</c>, which a query string may turn into a space, means ascending).</summary>
    private static List<FeatureSortKey> ParseSortBy(AssetKind kind, string text, ValidationErrors errors)
    {
        var keys = new List<FeatureSortKey>();
        foreach (var part in text.Split(','))
        {
            var item = part.Trim();
            var descending = item.StartsWith('-');
            var name = item.TrimStart('+', '-').Trim();
            if (kind.FindAttribute(name) is { } attribute) keys.Add(new FeatureSortKey(attribute, descending));
            else
            {
                var known = string.Join(", ", kind.Attributes.Select(a => a.Name));
                errors.Add("sortby", new LocalizedText($"sortby: unknown property '{name}'; sort by one of: {known}.", $"sortby：未知属性“{name}”；可排序属性：{known}。"));
            }
        }
        return keys;
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

    /// <summary>Four (or six, with heights) numbers in <paramref name="crs"/>'s axis order (Part 2: latitude first
    /// for EPSG:4326, northing first for the Gauss–Krüger CRSs), returned easting/longitude first.</summary>
    private static BoundingBox? ParseBbox(string text, SupportedCrs crs, ValidationErrors errors)
    {
        var parts = text.Split(',');
        var numbers = new double[parts.Length];
        var ok = parts.Length is 4 or 6 && parts.Select((p, i) =>
            double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i])).All(x => x);
        var order = crs.NorthingFirst ? (crs.Projected ? "minNorthing,minEasting,maxNorthing,maxEasting" : "minLat,minLon,maxLat,maxLon") : "minLon,minLat,maxLon,maxLat";
        if (!ok)
        {
            errors.Add("bbox", $"bbox must be four numbers: {order} ({crs.Uri}).");
            return null;
        }
        var (a, b, c, d) = parts.Length == 4
            ? (numbers[0], numbers[1], numbers[2], numbers[3])
            : (numbers[0], numbers[1], numbers[3], numbers[4]);
        var (minX, minY, maxX, maxY) = CrsSql.EastingFirst(a, b, c, d, crs);
        if (crs.Projected)
        {
            if (minX > maxX || minY > maxY)
            {
                errors.Add("bbox", $"bbox must be {order} in metres, each minimum no larger than its maximum.");
                return null;
            }
            return new BoundingBox(minX, minY, maxX, maxY);
        }
        if (minY > maxY || minX is < -180 or > 180 || maxX is < -180 or > 180 || minY < -90 || maxY > 90)
        {
            errors.Add("bbox", $"bbox must be {order} in degrees, with minLat ≤ maxLat.");
            return null;
        }
        if (minX > maxX)
        {
            errors.Add("bbox", "bbox crossing the antimeridian is not supported.");
            return null;
        }
        return new BoundingBox(minX, minY, maxX, maxY);
    }
}
