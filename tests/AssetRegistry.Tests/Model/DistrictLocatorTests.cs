using AssetRegistry.Domain.Spatial;
using AssetRegistry.Tests.Infrastructure;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace AssetRegistry.Tests.Model;

/// <summary>
/// The in-memory district lookup of bulk imports (<see cref="DistrictLocator"/>) against
/// the rule it stands in for, run by PostGIS on the same districts: the lowest adcode whose polygon
/// <c>ST_Intersects</c> the point, none outside the service area.
/// </summary>
public sealed class DistrictLocatorTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task DistrictOf_GivesWhatPostgisGives_AtRandom_OnEveryVertex_AndBesideEveryBoundary()
    {
        var locator = await DistrictLocator.LoadAsync(Fixture.Db, CancellationToken.None);
        var points = new List<(double X, double Y)>();
        var extent = new Envelope();
        await using (var cmd = Fixture.Db.CreateCommand("select geometry from districts"))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var geometry = reader.GetFieldValue<Geometry>(0);
                extent.ExpandToInclude(geometry.EnvelopeInternal);
                foreach (var ring in Rings(geometry))
                    for (var i = 1; i < ring.Length; i++)
                    {
                        var (a, b) = (ring[i - 1], ring[i]);
                        points.Add((a.X, a.Y)); // every vertex: on the boundary, often shared by two districts
                        // Either side of the segment's middle, ~10 m and ~300 m off.
                        var (mx, my) = ((a.X + b.X) / 2, (a.Y + b.Y) / 2);
                        var length = Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
                        if (length == 0) continue;
                        var (nx, ny) = (-(b.Y - a.Y) / length, (b.X - a.X) / length);
                        foreach (var offset in new[] { 1e-4, -1e-4, 3e-3, -3e-3 }) points.Add((mx + nx * offset, my + ny * offset));
                    }
            }
        Assert.True(points.Count > 1_000, $"the test districts have {points.Count} boundary points");
        var random = new Random(20261207);
        for (var i = 0; i < 20_000; i++) // the extent and a little beyond it
            points.Add((extent.MinX - 0.05 + random.NextDouble() * (extent.Width + 0.1), extent.MinY - 0.05 + random.NextDouble() * (extent.Height + 0.1)));

        var expected = new string?[points.Count];
        await using (var cmd = Fixture.Db.CreateCommand("""
            select p.n, (select d.adcode from districts d where st_intersects(d.geometry, st_setsrid(st_makepoint(p.x, p.y), 4326))
                         order by d.adcode limit 1)
            from unnest($1::float8[], $2::float8[]) with ordinality p(x, y, n)
            """))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = points.Select(p => p.X).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
            cmd.Parameters.Add(new NpgsqlParameter { Value = points.Select(p => p.Y).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) expected[reader.GetInt64(0) - 1] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        var wrong = points.Select((p, i) => (p, Expected: expected[i], Found: locator.DistrictOf(p.X, p.Y)))
            .Where(x => x.Expected != x.Found).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {points.Count} points differ from PostGIS, e.g. " +
            string.Join("; ", wrong.Take(5).Select(w => $"({w.p.X:R} {w.p.Y:R}): PostGIS {w.Expected ?? "none"}, locator {w.Found ?? "none"}")));
        // Both answers occur: points in districts and points outside the service area.
        Assert.Contains(expected, e => e is null);
        Assert.True(expected.Distinct().Count() > 5, "the points fall in several districts");
    }

    private static IEnumerable<Coordinate[]> Rings(Geometry geometry)
    {
        for (var i = 0; i < geometry.NumGeometries; i++)
            if (geometry.GetGeometryN(i) is Polygon polygon)
            {
                yield return polygon.ExteriorRing.Coordinates;
                foreach (var hole in polygon.InteriorRings) yield return hole.Coordinates;
            }
    }
}
