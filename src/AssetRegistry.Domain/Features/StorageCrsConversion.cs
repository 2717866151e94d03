using System.Text.Json;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Spatial;
using Npgsql;

namespace AssetRegistry.Domain.Features;

/// <summary>
/// Brings a written feature's geometry from the CRS its <c>Content-Crs</c> names into the storage CRS (CRS84), so
/// a surveyor can send EPSG:4549 northing/easting and the usual checks (service area, validity, kind rules) then
/// run on longitude/latitude as for any other write. PostGIS does the transform (<see cref="CrsSql"/>).
/// </summary>
public static class StorageCrsConversion
{
    /// <summary>
    /// The document with its <c>geometry</c> member transformed from <paramref name="crs"/> (in its axis order) to
    /// CRS84, every other member as sent; the same document when <paramref name="crs"/> is CRS84 or there is no
    /// readable geometry (the body's own checks then report it). A geometry PostGIS cannot transform is a 400 on
    /// <c>geometry</c>.
    /// </summary>
    public static async Task<JsonDocument> ToStorageAsync(NpgsqlDataSource db, JsonDocument feature, SupportedCrs crs, CancellationToken ct)
    {
        var root = feature.RootElement;
        if (crs == SupportedCrs.Crs84 || root.ValueKind != JsonValueKind.Object ||
            !root.TryGetProperty("geometry", out var element) || element.ValueKind != JsonValueKind.Object)
            return feature;
        var geometry = GeoJsonGeometry.Read(element, new ValidationErrors());
        if (geometry is null || geometry.IsEmpty) return feature;

        var values = new List<object>();
        await using var cmd = db.CreateCommand($"select ST_AsGeoJSON({CrsSql.GeometryIn4326(values, geometry, crs)})");
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        string json;
        try
        {
            json = (string)(await cmd.ExecuteScalarAsync(ct))!;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InternalError or PostgresErrorCodes.InvalidParameterValue)
        {
            var errors = new ValidationErrors();
            errors.Add("geometry", new LocalizedText($"The geometry cannot be transformed from {crs.Uri} to WGS 84; check the axis order ({(crs.NorthingFirst ? "northing/latitude first" : "easting/longitude first")}).",
                $"几何无法从 {crs.Uri} 转换到 WGS 84；请检查坐标轴顺序（{(crs.NorthingFirst ? "北向/纬度在前" : "东向/经度在前")}）。"));
            throw new AssetValidationException(errors);
        }

        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in root.EnumerateObject())
            {
                if (member.NameEquals("geometry"))
                {
                    writer.WritePropertyName(member.Name);
                    writer.WriteRawValue(json);
                }
                else member.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.ToArray());
    }
}
