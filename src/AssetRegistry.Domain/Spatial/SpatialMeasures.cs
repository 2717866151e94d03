using AssetRegistry.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace AssetRegistry.Domain.Spatial;

/// <summary>
/// Metric measures computed by PostGIS on the geography type (WGS 84 spheroid), so that lengths and areas the
/// registry stores are the ones PostGIS would compute in any later query. Never degrees.
/// </summary>
public sealed class SpatialMeasures(RegistryDbContext db)
{
    /// <summary>Geodesic length in metres of a SRID 4326 line. One round trip.</summary>
    public Task<double> LengthMetresAsync(Geometry line, CancellationToken ct) =>
        db.Database.SqlQuery<double>($"select ST_Length({line}::geography) as \"Value\"").SingleAsync(ct);

    /// <summary>Geodesic area in square metres of a SRID 4326 polygon. One round trip.</summary>
    public Task<double> AreaSquareMetresAsync(Geometry polygon, CancellationToken ct) =>
        db.Database.SqlQuery<double>($"select ST_Area({polygon}::geography) as \"Value\"").SingleAsync(ct);

    /// <summary>Geodesic distance in metres from <paramref name="point"/> to a manhole, or null when no manhole
    /// has that id.</summary>
    public async Task<double?> DistanceToManholeMetresAsync(long manholeId, Point point, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<double>(
                $"select ST_Distance(geometry::geography, {point}::geography) as \"Value\" from manholes where id = {manholeId}")
            .ToListAsync(ct);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The district whose boundary holds the geometry's point on surface, or null when the geometry is
    /// not entirely inside the city's service area.</summary>
    public async Task<string?> DistrictOfAsync(Geometry geometry, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<string>($"""
            select d.adcode as "Value"
            from districts d
            where ST_Intersects(d.geometry, ST_PointOnSurface({geometry}))
              and exists (select 1 from service_area s where ST_CoveredBy({geometry}, s.geometry))
            limit 1
            """).ToListAsync(ct);
        return rows.Count == 0 ? null : rows[0];
    }
}
