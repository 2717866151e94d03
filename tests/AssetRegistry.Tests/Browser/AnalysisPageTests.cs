using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static AssetRegistry.Tests.Infrastructure.Features;
using static Microsoft.Playwright.Assertions;

namespace AssetRegistry.Tests.Browser;

/// <summary>
/// The analysis page in headless Chromium: the coverage figure beside its target with the uncovered land drawn (the
/// hand-worked 50 % fixture of the coverage tests), a sewer trace, and a waterlogging point's drainage turned into
/// a campaign with one click. Every test checks the database.
/// </summary>
public sealed class AnalysisPageTests(RegistryFixture fixture, MapBrowserFixture browser, ITestOutputHelper output)
    : RegistryTest(fixture), IClassFixture<MapBrowserFixture>
{
    /// <summary>A rectangle in metres from the fixture origin (CGCS2000 / GK CM 120°E), as GeoJSON in WGS 84.</summary>
    private async Task<JsonObject> RectangleAsync(double x1, double y1, double x2, double y2) =>
        JsonNode.Parse(await Fixture.ScalarAsync<string>("""
            with o as (select ST_Transform(ST_SetSRID(ST_Point(118.6269, 24.9173), 4326), 4549) as p)
            select ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope(ST_X(p) + $1, ST_Y(p) + $2, ST_X(p) + $3, ST_Y(p) + $4, 4549), 4326), 9) from o
            """, x1, y1, x2, y2))!.AsObject();

    /// <summary>A 1000 m × 10 m park and, 300 m north, a 400 m square of residential land: its southern half is covered.</summary>
    private async Task CoverageFixtureAsync()
    {
        var c = Fixture.Client();
        await c.CreateAsync("parks", Feature(await RectangleAsync(0, 0, 1000, 10), new() { ["park_class"] = "linear", ["name"] = "滨河带状公园" }));
        await c.CreateAsync("residential_areas", Feature(await RectangleAsync(300, 310, 700, 710), new() { ["name"] = "样例小区" }));
    }

    private async Task<IPage> OpenAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.Console += (_, m) => Log($"console {m.Type}: {m.Text}");
        page.PageError += (_, e) => Log($"page error: {e}");
        await page.GotoAsync("/analysis");
        await page.WaitForSelectorAsync("body[data-ready=true]");
        return page;
    }

    private void Log(string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has finished; its output is closed.
        }
    }

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(MapBrowserFixture.ScreenshotDirectory, name + ".png") });

    [Fact]
    public async Task Coverage_ShowsTheFigureAgainstTheTargetAndDrawsTheUncoveredLand()
    {
        await CoverageFixtureAsync();
        await using var context = await browser.NewContextAsync(width: 1440, height: 900);

        var page = await OpenAsync(context);
        await page.WaitForSelectorAsync("body[data-coverage-ready=true]");

        await Expect(page.Locator("#coverage-city")).ToHaveTextAsync("50.00 %");
        await Expect(page.Locator("#coverage-target")).ToHaveTextAsync("≥ 90 %");
        await Expect(page.Locator("#coverage-target-label")).ToHaveTextAsync("目标（国家生态园林城市）");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.registryAnalysis.uncoveredCount()"));
        Assert.Equal(new double?[] { 50.0, 50.0 }, await page.EvaluateAsync<double?[]>("() => Chart.getChart('chart-coverage').data.datasets[0].data"));
        Assert.All(await page.EvaluateAsync<double?[]>("() => Chart.getChart('chart-coverage').data.datasets[1].data"), v => Assert.Equal(90.0, v));
        // The uncovered land (drawn in the uncovered layer's orange), not a district outline that may lie outside the view.
        await Expect(page.Locator("#analysis-map path[stroke=\"#e65100\"]").First).ToBeVisibleAsync();
        // Walking distance along the streets joins the chart beside the straight-line figure (0 % here: the fixture has no streets).
        await page.WaitForFunctionAsync("() => Chart.getChart('chart-coverage').data.datasets.length === 3");
        Assert.All(await page.EvaluateAsync<double?[]>("() => Chart.getChart('chart-coverage').data.datasets[2].data"), v => Assert.Equal(0.0, v));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from residential_areas"));
        Assert.Equal(["丰泽区", "全市"], await page.EvaluateAsync<string[]>("() => Chart.getChart('chart-coverage').data.labels"));
        await Screenshot(page, "analysis-coverage");
        // In English the district goes by its English name, not its adcode.
        await page.Locator("#lang-button").ClickAsync();
        await page.WaitForFunctionAsync("() => Chart.getChart('chart-coverage').data.labels[0] === 'Fengze District'");
    }

    /// <summary>The bureau's own targets table decides what the page measures against: without the verified 90 %
    /// target, the page falls back to the highest one left (80 %, 国家园林城市), names it above the figure, and says
    /// after its source, in either language, that the source was not verified. A partly verified source is named as such.</summary>
    [Fact]
    public async Task Coverage_AgainstATargetWhoseSourceIsNotVerified_SaysSoAfterTheSource()
    {
        await CoverageFixtureAsync();
        Assert.Equal(1, await Fixture.ExecuteAsync("delete from coverage_targets where code = 'eco_garden_city'"));
        await using var context = await browser.NewContextAsync(width: 1440, height: 900);

        var page = await OpenAsync(context);
        await page.WaitForSelectorAsync("body[data-coverage-ready=true]");

        await Expect(page.Locator("#coverage-target")).ToHaveTextAsync("≥ 80 %");
        await Expect(page.Locator("#coverage-target-label")).ToHaveTextAsync("目标（国家园林城市）");
        await Expect(page.Locator("#coverage-city")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bbelow\b"));
        await Expect(page.Locator("#coverage-note")).ToContainTextAsync("国家园林城市 — 《国家园林城市标准》（未经核实）");
        await page.Locator("#lang-button").ClickAsync();
        await Expect(page.Locator("#coverage-note")).ToContainTextAsync("National garden city — 《国家园林城市标准》 (not verified)");
        await Expect(page.Locator("#coverage-target-label")).ToHaveTextAsync("Target (National garden city)");

        Assert.Equal(1, await Fixture.ExecuteAsync("update coverage_targets set verification = 'partly_verified' where code = 'garden_city'"));
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-coverage-ready=true]");
        await Expect(page.Locator("#coverage-note")).ToContainTextAsync("National garden city — 《国家园林城市标准》 (partly verified)");
        await page.Locator("#lang-button").ClickAsync();
        await Expect(page.Locator("#coverage-note")).ToContainTextAsync("国家园林城市 — 《国家园林城市标准》（部分核实）");
        await Screenshot(page, "analysis-coverage-unverified-target");
    }

    [Fact]
    public async Task WhatIf_AProposedParkDrawnOnTheMap_RaisesTheCoverage()
    {
        await CoverageFixtureAsync();
        await using var context = await browser.NewContextAsync(width: 1440, height: 900);
        var page = await OpenAsync(context);
        await page.WaitForSelectorAsync("body[data-coverage-ready=true]");
        // A park over the uncovered northern half, drawn through Geoman as a user would, corner by corner.
        var park = await RectangleAsync(300, 610, 420, 710);
        var corners = park["coordinates"]![0]!.AsArray().Take(4).Select(p => (Lon: p![0]!.GetValue<double>(), Lat: p[1]!.GetValue<double>())).ToList();

        await page.Locator("#whatif-draw").ClickAsync();
        foreach (var (lon, lat) in corners.Append(corners[0]))
        {
            var xy = await page.EvaluateAsync<float[]>("""
                ([lon, lat]) => { const m = window.registryAnalysis.map; const p = m.latLngToContainerPoint([lat, lon]);
                  const b = m.getContainer().getBoundingClientRect(); return [p.x + b.left, p.y + b.top]; }
                """, new object[] { lon, lat });
            await page.Mouse.ClickAsync(xy[0], xy[1]);
        }
        await Expect(page.Locator("#whatif-run")).ToBeEnabledAsync();
        await page.Locator("#whatif-run").ClickAsync();

        await Expect(page.Locator("#whatif-result")).ToBeVisibleAsync();
        var after = double.Parse((await page.Locator("#whatif-result").GetAttributeAsync("data-after"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(after > 50, $"coverage after {after}");
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from parks where name is distinct from '滨河带状公园'"));
        await Screenshot(page, "analysis-what-if");
    }

    [Fact]
    public async Task Drainage_OfAWaterloggingPoint_BecomesACampaignWithOneClick()
    {
        var c = Fixture.Client();
        var point = await c.CreateAsync("waterlogging_points", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["risk_level"] = "high", ["remediation_status"] = "open" }));
        var (pa, pu) = ((Fengze.Lon + 0.0005, Fengze.Lat), (Fengze.Lon + 0.0030, Fengze.Lat + 0.0002));
        var inlet = (await c.CreateAsync("manholes", Feature(Point(pa.Item1, pa.Item2), new() { ["network"] = "rain" }))).Id;
        var upstream = (await c.CreateAsync("manholes", Feature(Point(pu.Item1, pu.Item2), new() { ["network"] = "rain" }))).Id;
        var segment = (await c.CreateAsync("sewer_segments", Feature(Line(pu, pa), new()
        {
            ["upstream_manhole_id"] = upstream, ["downstream_manhole_id"] = inlet, ["system"] = "rain", ["diameter_mm"] = 600,
        }))).Id;
        await using var context = await browser.NewContextAsync(width: 1440, height: 900);
        var page = await OpenAsync(context);

        await page.Locator("#drainage-point").FillAsync(point.Feature["properties"]!["code"]!.GetValue<string>());
        await page.Locator("#drainage-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#drainage-result")).ToContainTextAsync(await Fixture.ScalarAsync<string>("select code from manholes where id = $1", inlet));
        await Expect(page.Locator("#drainage-campaign")).ToBeVisibleAsync();
        await Screenshot(page, "analysis-drainage");
        await page.Locator("#drainage-campaign").ClickAsync();
        await page.WaitForSelectorAsync("#drainage-status[data-campaign]");

        var campaign = long.Parse((await page.Locator("#drainage-status").GetAttributeAsync("data-campaign"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(4L, await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where campaign_id = $1 and asset_id = any($2)",
            campaign, new[] { point.Id, inlet, upstream, segment }));
        Assert.Equal(4L, await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where campaign_id = $1", campaign));
    }

    [Fact]
    public async Task SewerTrace_FromAManholeCode_DrawsTheNetworkAndTheTopologyReportLists()
    {
        var c = Fixture.Client();
        var (pa, pb) = ((Fengze.Lon, Fengze.Lat), (Fengze.Lon + 0.0005, Fengze.Lat));
        var a = await c.CreateAsync("manholes", Feature(Point(pa.Item1, pa.Item2), new() { ["network"] = "sewage" }));
        var b = (await c.CreateAsync("manholes", Feature(Point(pb.Item1, pb.Item2), new() { ["network"] = "sewage", ["is_outfall"] = true }))).Id;
        await c.CreateAsync("sewer_segments", Feature(Line(pa, pb), new()
        {
            ["upstream_manhole_id"] = a.Id, ["downstream_manhole_id"] = b, ["system"] = "sewage", ["upstream_invert_m"] = 4, ["downstream_invert_m"] = 5,
        }));
        await using var context = await browser.NewContextAsync(width: 1440, height: 900);
        var page = await OpenAsync(context);

        await page.Locator("#trace-manhole").FillAsync(a.Feature["properties"]!["code"]!.GetValue<string>());
        await page.Locator("#trace-direction").SelectOptionAsync("downstream");
        await page.Locator("#trace-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#trace-result")).ToContainTextAsync(b.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#topology-run").ClickAsync();

        await Expect(page.Locator("#topology-result tr[data-check=reverse] td.number")).ToHaveTextAsync("1");
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from sewer_segments where upstream_invert_m < downstream_invert_m"));
        await Screenshot(page, "analysis-trace-topology");
    }
}
