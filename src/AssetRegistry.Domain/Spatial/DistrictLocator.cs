using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using Npgsql;

namespace AssetRegistry.Domain.Spatial;

/// <summary>
/// The district of a WGS 84 point, found in memory with the rule of the SQL lookup
/// (<c>ST_Intersects(districts.geometry, point)</c>, a shared boundary going to the lowest adcode): the first
/// district, in adcode order, whose polygon holds the point or has it on its boundary. The districts are a dozen
/// polygons of a few hundred vertices, each behind an indexed point-in-area locator, so a lookup costs about a
/// microsecond; a bulk import of points uses it instead of indexing and joining a million staged rows in SQL.
/// </summary>
public sealed class DistrictLocator
{
    private readonly (string Adcode, Envelope Envelope, IPointOnGeometryLocator Locator)[] _districts;

    private DistrictLocator((string, Envelope, IPointOnGeometryLocator)[] districts) => _districts = districts;

    /// <summary>Reads every district (SRID 4326) from <c>districts</c>.</summary>
    public static async Task<DistrictLocator> LoadAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var districts = new List<(string, Envelope, IPointOnGeometryLocator)>();
        await using var cmd = dataSource.CreateCommand("select adcode, geometry from districts order by adcode");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var geometry = reader.GetFieldValue<Geometry>(1);
            districts.Add((reader.GetString(0), geometry.EnvelopeInternal, new IndexedPointInAreaLocator(geometry)));
        }
        // Ordinal order of the six-digit codes is the database's order of them, so the first hit is the lowest.
        districts.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return new DistrictLocator(districts.ToArray());
    }

    /// <summary>The adcode of the district holding (<paramref name="longitude"/>, <paramref name="latitude"/>),
    /// degrees WGS 84; null outside every district (outside the service area).</summary>
    public string? DistrictOf(double longitude, double latitude)
    {
        var c = new Coordinate(longitude, latitude);
        foreach (var (adcode, envelope, locator) in _districts)
            if (envelope.Intersects(c) && locator.Locate(c) != Location.Exterior) return adcode;
        return null;
    }
}
