using System.Net;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Api;

/// <summary>Sewer segments join two manholes: ends within 0.5 m, length and slope derived in metres.</summary>
public sealed class SewerSegmentRuleTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private async Task<(HttpClient Client, long Up, long Down)> TwoManholesAsync()
    {
        var c = Fixture.Client();
        var up = await c.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "sewage" }));
        var down = await c.CreateAsync("manholes", Feature(Point(Fengze.Lon + 0.0005, Fengze.Lat), new() { ["network"] = "sewage" }));
        return (c, up.Id, down.Id);
    }

    [Fact]
    public async Task CreateSegment_EndsAtManholes_DerivesLengthAndSlopeInMetres()
    {
        var (c, up, down) = await TwoManholesAsync();
        var (id, _, feature) = await c.CreateAsync("sewer_segments", Feature(Line((Fengze.Lon, Fengze.Lat), (Fengze.Lon + 0.0005, Fengze.Lat)), new()
        {
            ["upstream_manhole_id"] = up, ["downstream_manhole_id"] = down, ["system"] = "sewage", ["upstream_invert_m"] = 4.0, ["downstream_invert_m"] = 3.9,
        }));
        var expected = await Fixture.ScalarAsync<double>("select ST_Length(geometry::geography) from sewer_segments where id = $1", id);
        var length = feature["properties"]!["length_m"]!.GetValue<double>();
        Assert.InRange(length, 50.4, 50.6); // 0.0005° of longitude at 24.87° N ≈ 50.5 m
        Assert.Equal(expected, length, 2);
        Assert.Equal(Math.Round(0.1 / length, 6), feature["properties"]!["slope"]!.GetValue<double>(), 6);
    }

    [Fact]
    public async Task CreateSegment_EndOneMetreFromManhole_Returns400NamingTheManhole()
    {
        var (c, up, down) = await TwoManholesAsync();
        var response = await c.PostAsync("sewer_segments", Feature(Line((Fengze.Lon, Fengze.Lat), (Fengze.Lon + 0.00051, Fengze.Lat)), new()
        {
            ["upstream_manhole_id"] = up, ["downstream_manhole_id"] = down, ["system"] = "sewage",
        }));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "downstream_manhole_id");
        Assert.Contains("within 0.5 m", (await response.JsonAsync())["errors"]!["downstream_manhole_id"]![0]!.GetValue<string>());
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from sewer_segments"));
    }

    [Fact]
    public async Task CreateSegment_UnknownManhole_Returns400()
    {
        var (c, up, _) = await TwoManholesAsync();
        var response = await c.PostAsync("sewer_segments", Feature(Line((Fengze.Lon, Fengze.Lat), (Fengze.Lon + 0.0005, Fengze.Lat)), new()
        {
            ["upstream_manhole_id"] = up, ["downstream_manhole_id"] = 999999999, ["system"] = "sewage",
        }));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "downstream_manhole_id");
    }

    [Fact]
    public async Task DeleteManhole_StillJoinedBySegment_Returns409AndKeepsIt()
    {
        var (c, up, down) = await TwoManholesAsync();
        await c.CreateAsync("sewer_segments", Feature(Line((Fengze.Lon, Fengze.Lat), (Fengze.Lon + 0.0005, Fengze.Lat)), new()
        {
            ["upstream_manhole_id"] = up, ["downstream_manhole_id"] = down, ["system"] = "sewage",
        }));
        var response = await c.SendWithIfMatchAsync(HttpMethod.Delete, $"/ogc/collections/manholes/items/{up}", null, "*");
        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("sewer_segments", (await response.JsonAsync())["detail"]!.GetValue<string>());
        Assert.Equal(2L, await Fixture.ScalarAsync<long>("select count(*) from manholes"));
    }

    [Fact]
    public async Task CreateSegment_ReverseSlopeOrLoop_IsStoredWithWarnings()
    {
        var (c, up, down) = await TwoManholesAsync();
        var line = Line((Fengze.Lon, Fengze.Lat), (Fengze.Lon + 0.0005, Fengze.Lat));
        var (_, _, first) = await c.CreateAsync("sewer_segments", Feature(line, new()
        {
            ["upstream_manhole_id"] = up, ["downstream_manhole_id"] = down, ["system"] = "sewage", ["upstream_invert_m"] = 3.0, ["downstream_invert_m"] = 3.2,
        }));
        var reverse = Assert.Single(first["warnings"]!.AsArray())!;
        Assert.Equal("downstream_invert_m", reverse["field"]!.GetValue<string>());

        c.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var back = Line((Fengze.Lon + 0.0005, Fengze.Lat), (Fengze.Lon, Fengze.Lat));
        var (_, _, second) = await c.CreateAsync("sewer_segments", Feature(back, new()
        {
            ["upstream_manhole_id"] = down, ["downstream_manhole_id"] = up, ["system"] = "sewage",
        }));
        var loop = Assert.Single(second["warnings"]!.AsArray())!;
        Assert.Equal("downstream_manhole_id", loop["field"]!.GetValue<string>());
        Assert.Contains("环路", loop["message"]!.GetValue<string>());
        Assert.Equal(2L, await Fixture.ScalarAsync<long>("select count(*) from sewer_segments"));
    }

    [Fact]
    public async Task CreateSegment_Downhill_HasNoWarnings()
    {
        var (c, up, down) = await TwoManholesAsync();
        var (_, _, feature) = await c.CreateAsync("sewer_segments", Feature(Line((Fengze.Lon, Fengze.Lat), (Fengze.Lon + 0.0005, Fengze.Lat)), new()
        {
            ["upstream_manhole_id"] = up, ["downstream_manhole_id"] = down, ["system"] = "sewage", ["upstream_invert_m"] = 3.2, ["downstream_invert_m"] = 3.0,
        }));
        Assert.Null(feature["warnings"]);
    }
}
