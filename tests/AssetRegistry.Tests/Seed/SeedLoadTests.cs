using AssetRegistry.Domain.Assets;
using AssetRegistry.GisSeed;
using AssetRegistry.Tests.Infrastructure;

namespace AssetRegistry.Tests.Seed;

/// <summary>The seed city loaded into the real database: deterministic, in proportion, and consistent.</summary>
public sealed class SeedLoadTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private const double Scale = 0.02;

    private async Task<string> ChecksumAsync()
    {
        var parts = new List<string>();
        foreach (var kind in AssetKinds.All)
            parts.Add(await Fixture.ScalarAsync<string>($"select coalesce(md5(string_agg(t::text, '|' order by t.id)), '') from {kind.Table} t"));
        return string.Join(",", parts);
    }

    [Fact]
    public async Task Seed_SameScaleTwice_LoadsIdenticalRows()
    {
        await CitySeeder.SeedAsync(Fixture.Db, Scale, reset: true);
        var first = await ChecksumAsync();
        await CitySeeder.SeedAsync(Fixture.Db, Scale, reset: true);
        Assert.Equal(first, await ChecksumAsync());
        Assert.DoesNotContain(",,", "," + first + ",");
    }

    [Fact]
    public async Task Seed_AtScale_LoadsMissionCountsTimesScale()
    {
        await CitySeeder.SeedAsync(Fixture.Db, Scale, reset: true);
        Assert.InRange(await Fixture.ScalarAsync<long>("select count(*) from manholes"), 120_000 * Scale * 0.9, 120_000 * Scale * 1.1);
        Assert.InRange(await Fixture.ScalarAsync<long>("select count(*) from streetlights"), 80_000 * Scale * 0.9, 80_000 * Scale * 1.1);
        Assert.InRange(await Fixture.ScalarAsync<long>("select count(*) from residential_areas"), 5_000 * Scale * 0.9, 5_000 * Scale * 1.1);
        Assert.True(await Fixture.ScalarAsync<long>("select count(*) from bridges") >= 1);
    }

    [Fact]
    public async Task Seed_RowsObeyTheRegistryRules()
    {
        await CitySeeder.SeedAsync(Fixture.Db, Scale, reset: true);
        foreach (var kind in AssetKinds.All)
        {
            // Valid geometry inside the service area, and the district the API would derive.
            Assert.Equal(0L, await Fixture.ScalarAsync<long>($"""
                select count(*) from {kind.Table} t
                where not ST_IsValid(t.geometry)
                   or not exists (select 1 from service_area s where ST_CoveredBy(t.geometry, s.geometry))
                   or t.district <> (select d.adcode from districts d where ST_Intersects(d.geometry, ST_PointOnSurface(t.geometry)) limit 1)
                """));
        }
        // Sewer segments end at their manholes and fall downstream.
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("""
            select count(*) from sewer_segments s
            join manholes u on u.id = s.upstream_manhole_id
            join manholes d on d.id = s.downstream_manhole_id
            where ST_Distance(ST_StartPoint(s.geometry)::geography, u.geometry::geography) > 0.5
               or ST_Distance(ST_EndPoint(s.geometry)::geography, d.geometry::geography) > 0.5
               or s.upstream_invert_m <= s.downstream_invert_m
               or abs(s.length_m - ST_Length(s.geometry::geography)) > 0.01 * s.length_m
            """));
        // The sequence continues after the seeded ids, so the API's next create does not collide.
        Assert.True(await Fixture.ScalarAsync<long>("select last_value from asset_id_seq") >=
                    await Fixture.ScalarAsync<long>("select max(id) from manholes"));
    }

    [Fact]
    public async Task Seed_WithoutReset_LeavesAnExistingRegistryAlone()
    {
        await CitySeeder.SeedAsync(Fixture.Db, Scale, reset: true);
        var before = await ChecksumAsync();
        var report = await CitySeeder.SeedAsync(Fixture.Db, 0.05, reset: false);
        Assert.Contains("--reset", report);
        Assert.Equal(before, await ChecksumAsync());
    }
}
