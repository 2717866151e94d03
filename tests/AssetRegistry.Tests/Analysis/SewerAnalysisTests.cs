using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Analysis;

/// <summary>Sewer traces on a tree whose upstream set is known, and a topology report with each error planted once.</summary>
public sealed class SewerAnalysisTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private const double Step = 0.0005; // ≈ 50 m east–west at 24.9° N

    private static (double, double) At(int i, int j) => (Fengze.Lon + i * Step, Fengze.Lat + j * Step);

    private async Task<long> ManholeAsync(HttpClient c, (double Lon, double Lat) p, bool outfall = false) =>
        (await c.CreateAsync("manholes", Feature(Point(p.Lon, p.Lat), new() { ["network"] = "sewage", ["is_outfall"] = outfall }))).Id;

    private async Task<long> SegmentAsync(HttpClient c, (long Id, (double, double) At) up, (long Id, (double, double) At) down, double upInv = 5, double downInv = 4) =>
        (await c.CreateAsync("sewer_segments", Feature(Line(up.At, down.At), new()
        {
            ["upstream_manhole_id"] = up.Id, ["downstream_manhole_id"] = down.Id, ["system"] = "sewage",
            ["upstream_invert_m"] = upInv, ["downstream_invert_m"] = downInv,
        }))).Id;

    /// <summary>A → B → C (outfall), D → B.</summary>
    private async Task<(long A, long B, long C, long D, long AB, long BC, long DB)> TreeAsync()
    {
        var c = Fixture.Client();
        var (pa, pb, pc, pd) = (At(0, 0), At(1, 0), At(2, 0), At(1, 1));
        var a = await ManholeAsync(c, pa);
        var b = await ManholeAsync(c, pb);
        var cc = await ManholeAsync(c, pc, outfall: true);
        var d = await ManholeAsync(c, pd);
        var ab = await SegmentAsync(c, (a, pa), (b, pb), 6, 5.5);
        var bc = await SegmentAsync(c, (b, pb), (cc, pc), 5.4, 5);
        var db = await SegmentAsync(c, (d, pd), (b, pb), 6, 5.6);
        return (a, b, cc, d, ab, bc, db);
    }

    private static long[] Ids(JsonNode node, string name) => node[name]!.AsArray().Select(x => x!.GetValue<long>()).ToArray();

    [Fact]
    public async Task Downstream_FromA_ReachesTheOutfallAlongABandBC()
    {
        var t = await TreeAsync();
        var r = JsonNode.Parse(await Fixture.Client("planner").GetStringAsync($"/api/analysis/sewer/trace?from=manhole:{t.A}&direction=downstream"))!;
        Assert.Equal(new[] { t.AB, t.BC }.Order(), Ids(r, "segmentIds"));
        Assert.Equal(new[] { t.A, t.B, t.C }.Order(), Ids(r, "manholeIds"));
        Assert.Equal([t.C], Ids(r, "outfallIds"));
        var expected = await Fixture.ScalarAsync<double>("select sum(length_m) from sewer_segments where id = any($1)", new[] { t.AB, t.BC });
        Assert.InRange(Math.Abs(expected - r["totalLengthM"]!.GetValue<double>()), 0, 0.01);
    }

    [Fact]
    public async Task Upstream_FromTheOutfall_ReachesTheWholeTree()
    {
        var t = await TreeAsync();
        var r = JsonNode.Parse(await Fixture.Client("planner").GetStringAsync($"/api/analysis/sewer/trace?from=manhole:{t.C}&direction=upstream"))!;
        Assert.Equal(new[] { t.AB, t.BC, t.DB }.Order(), Ids(r, "segmentIds"));
        Assert.Equal(new[] { t.A, t.B, t.C, t.D }.Order(), Ids(r, "manholeIds"));
    }

    [Fact]
    public async Task Upstream_FromSegmentBC_IncludesItAndItsFeeders()
    {
        var t = await TreeAsync();
        var r = JsonNode.Parse(await Fixture.Client("planner").GetStringAsync($"/api/analysis/sewer/trace?from=segment:{t.BC}&direction=upstream"))!;
        Assert.Equal(new[] { t.AB, t.BC, t.DB }.Order(), Ids(r, "segmentIds"));
    }

    [Theory]
    [InlineData("from=manhole:abc", "from")]
    [InlineData("from=pipe:1", "from")]
    [InlineData("from=manhole:1&direction=sideways", "direction")]
    public async Task Trace_BadParameters_Return400(string query, string field) =>
        await AssertProblemAsync(await Fixture.Client("planner").GetAsync("/api/analysis/sewer/trace?" + query), HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task Trace_UnknownManhole_Returns404() =>
        await AssertProblemAsync(await Fixture.Client("planner").GetAsync("/api/analysis/sewer/trace?from=manhole:987654321"), HttpStatusCode.NotFound);

    [Fact]
    public async Task Topology_FindsEachPlantedErrorOnce()
    {
        var t = await TreeAsync();
        var c = Fixture.Client();
        // Reverse slope: invert rises downstream.
        var (pe, pf) = (At(3, 0), At(4, 0));
        var e = await ManholeAsync(c, pe, outfall: true);
        var f = await ManholeAsync(c, pf);
        var reverse = await SegmentAsync(c, (f, pf), (e, pe), upInv: 3, downInv: 4);
        // A piece that reaches no outfall, and in it a cycle: G ⇄ H.
        var (pg, ph) = (At(0, 3), At(1, 3));
        var g = await ManholeAsync(c, pg);
        var h = await ManholeAsync(c, ph);
        var gh = await SegmentAsync(c, (g, pg), (h, ph));
        var hg = await SegmentAsync(c, (h, ph), (g, pg));
        // A segment end away from its manhole: the manhole moved behind the API's back (a bad import).
        await Fixture.ScalarAsync<int>("update manholes set geometry = ST_Translate(geometry, 0.0001, 0) where id = $1 returning 1", t.D);

        var r = JsonNode.Parse(await Fixture.Client("planner").GetStringAsync("/api/analysis/sewer/topology"))!;
        var misplaced = Assert.Single(r["misplacedEnds"]!.AsArray())!;
        Assert.Equal(t.DB, misplaced["segmentId"]!.GetValue<long>());
        Assert.Equal("upstream", misplaced["end"]!.GetValue<string>());
        Assert.InRange(misplaced["distanceM"]!.GetValue<double>(), 9, 12);
        Assert.Equal(reverse, Assert.Single(r["reverseSlopes"]!.AsArray())!["segmentId"]!.GetValue<long>());
        var piece = Assert.Single(r["disconnectedPieces"]!.AsArray())!;
        Assert.Equal(new[] { gh, hg }.Order(), Ids(piece, "segmentIds"));
        Assert.Equal(new[] { gh, hg }.Order(), Ids(r, "segmentsInCycles"));
    }
}
