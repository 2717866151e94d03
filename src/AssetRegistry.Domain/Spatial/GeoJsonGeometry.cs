using System.Text.Json;
using AssetRegistry.Domain.Assets;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace AssetRegistry.Domain.Spatial;

/// <summary>Reads a GeoJSON geometry object into an NTS geometry with SRID 4326 (RFC 7946 coordinates).</summary>
public static class GeoJsonGeometry
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new GeoJsonConverterFactory(new GeometryFactory(new PrecisionModel(), 4326)) },
    };

    /// <summary>The geometry, or null with a message added to <paramref name="errors"/> under <paramref name="field"/>.
    /// Validity is not checked here (see <see cref="GeometryChecks"/>).</summary>
    public static Geometry? Read(JsonElement element, ValidationErrors errors, string field = "geometry")
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(field, new LocalizedText("The geometry must be a GeoJSON geometry object.", "几何须为 GeoJSON 几何对象。"));
            return null;
        }
        try
        {
            var g = element.Deserialize<Geometry>(Options);
            if (g is null) errors.Add(field, new LocalizedText("The geometry must be a GeoJSON geometry object.", "几何须为 GeoJSON 几何对象。"));
            else g.SRID = 4326;
            return g;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            errors.Add(field, new LocalizedText("Not a valid GeoJSON geometry: " + FirstSentence(e.Message), "不是有效的 GeoJSON 几何：" + FirstSentence(e.Message)));
            return null;
        }
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..(i + 1)] : message;
    }
}
