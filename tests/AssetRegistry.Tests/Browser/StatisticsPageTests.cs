using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using AssetRegistry.Tests.Inspections;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static AssetRegistry.Tests.Infrastructure.Features;
using static Microsoft.Playwright.Assertions;

namespace AssetRegistry.Tests.Browser;

/// <summary>
/// The statistics dashboard in headless Chromium: every chart is drawn with the numbers of the database, each has
/// its downloads, the district map is shaded, and the page switches to English.
/// </summary>
public sealed class StatisticsPageTests(RegistryFixture fixture, MapBrowserFixture browser, ITestOutputHelper output)
    : RegistryTest(fixture), IClassFixture<MapBrowserFixture>
{
    private static readonly string[] Charts = ["assets", "cover-intact", "lighting", "bridge-grades", "sewer-grades", "inspections"];

    /// <summary>Four manholes in 丰泽区 (one inspected with a broken cover), two in 鲤城区, bridges graded A, B, B and
    /// D, two arterial lamps patrolled (one out) and an overdue task.</summary>
    private async Task SeedAsync()
    {
        var c = Fixture.Client();
        var manholes = new List<long>();
        for (var i = 0; i < 4; i++)
            manholes.Add((await c.CreateAsync("manholes", Feature(Point(Fengze.Lon + i * 0.0004, Fengze.Lat), new() { ["network"] = "rain", ["condition"] = "good" }))).Id);
        for (var i = 0; i < 2; i++)
            await c.CreateAsync("manholes", Feature(Point(Licheng.Lon + i * 0.0004, Licheng.Lat), new() { ["network"] = "sewage", ["condition"] = "fair" }));
        foreach (var (grade, i) in new[] { "A", "B", "B", "D" }.Select((g, i) => (g, i)))
            await c.CreateAsync("bridges", Feature(Line((Fengze.Lon, Fengze.Lat + 0.002 + i * 0.001), (Fengze.Lon + 0.001, Fengze.Lat + 0.002 + i * 0.001)),
                new() { ["structure_type"] = "beam", ["condition_grade"] = grade }));
        var crew = Fixture.Client("crew");
        var cover = await TaskData.OpenTaskAsync(Fixture, "manholes", manholes[0], "cover_patrol", "manhole_cover");
        await crew.RecordOkAsync(cover, new JsonObject { ["defects"] = new JsonArray("broken") });
        var cover2 = await TaskData.OpenTaskAsync(Fixture, "manholes", manholes[1], "cover_patrol", "manhole_cover");
        await crew.RecordOkAsync(cover2, new JsonObject { ["defects"] = new JsonArray() });
        for (var i = 0; i < 2; i++)
        {
            var lamp = (await c.CreateAsync("streetlights", Feature(Point(Fengze.Lon + i * 0.0004, Fengze.Lat + 0.0005),
                new() { ["lamp_type"] = "led", ["road_class"] = "arterial" }))).Id;
            var task = await TaskData.OpenTaskAsync(Fixture, "streetlights", lamp, "night_patrol", "streetlight");
            await crew.RecordOkAsync(task, new JsonObject { ["lamp_out"] = i == 0, ["pole_damage"] = false, ["leakage"] = false, ["door_missing"] = false });
        }
        await Fixture.ScalarAsync<int>("update inspection_tasks set due_date = (now() at time zone 'Asia/Shanghai')::date - 5, escalation = 'yellow' where id = (select min(id) from inspection_tasks where status = 'open') returning 1");
    }

    private async Task<IPage> OpenAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.Console += (_, m) => Log($"console {m.Type}: {m.Text}");
        page.PageError += (_, e) => Log($"page error: {e}");
        await page.GotoAsync("/statistics");
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

    private static Task<double?[]> ChartDataAsync(IPage page, string chart, int dataset = 0) =>
        page.EvaluateAsync<double?[]>("([id, i]) => Chart.getChart('chart-' + id).data.datasets[i].data", new object[] { chart, dataset });

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(MapBrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    [Fact]
    public async Task Dashboard_DrawsEveryChartWithTheNumbersOfTheDatabase()
    {
        await SeedAsync();
        await using var context = await browser.NewContextAsync(width: 1366, height: 900);

        var page = await OpenAsync(context);

        foreach (var chart in Charts)
        {
            await Expect(page.Locator($"canvas#chart-{chart}")).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>("id => !!Chart.getChart('chart-' + id)", chart), chart);
            await Expect(page.Locator($"section[data-chart={chart}] a[href='/api/statistics/{chart}.csv']")).ToHaveCountAsync(1);
            await Expect(page.Locator($"section[data-chart={chart}] a[href='/api/statistics/{chart}.xlsx']")).ToHaveCountAsync(1);
        }
        // Bridges A, B, C, D, E.
        Assert.Equal([1, 2, 0, 1, 0], await ChartDataAsync(page, "bridge-grades"));
        // Cover intact rate: 1 of 2 inspected in 丰泽区 and the city, with the 99.6 % target line.
        Assert.Equal([50.0, 50.0], await ChartDataAsync(page, "cover-intact"));
        Assert.All(await ChartDataAsync(page, "cover-intact", 1), v => Assert.Equal(99.6, v));
        // Lighting: arterial 50 % against 98 %.
        var labels = await page.EvaluateAsync<string[]>("() => Chart.getChart('chart-lighting').data.labels");
        var arterial = Array.IndexOf(labels, "主干道");
        Assert.Equal(50.0, (await ChartDataAsync(page, "lighting"))[arterial]);
        Assert.Equal(98.0, (await ChartDataAsync(page, "lighting", 1))[arterial]);
        // The targets' sources cite the documents by title, in the page's language around them.
        await Expect(page.Locator("section[data-chart=lighting]")).ToContainTextAsync("主干道亮灯率 ≥ 98 % — 来源：住建部《城市照明管理规定》（令第4号，2010）");
        await Expect(page.Locator("section[data-chart=cover-intact]")).ToContainTextAsync("来源：泉州市城市管理局2023年工作总结");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("DOMAIN.md");
        // No sewer segment is graded here: that chart says so over its empty axes; the others have figures.
        await Expect(page.Locator("section[data-chart=sewer-grades] .chart-empty")).ToHaveTextAsync("暂无数据");
        await Expect(page.Locator(".chart-empty")).ToHaveCountAsync(1);
        // Assets: the manholes dataset has 4 in 丰泽区 and 2 in 鲤城区, as in the database.
        var manholes = await page.EvaluateAsync<double[]>("""
            () => { const c = Chart.getChart('chart-assets'); return c.data.datasets.find(d => d.label === '检查井·井盖').data; }
            """);
        Assert.Equal([await Fixture.ScalarAsync<long>("select count(*) from manholes where district = '350502'"),
                      await Fixture.ScalarAsync<long>("select count(*) from manholes where district = '350503'")], manholes.Select(v => (long)v).ToArray());
        var overdue = await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where status = 'open' and due_date < (now() at time zone 'Asia/Shanghai')::date");
        Assert.Equal(1L, overdue);
        await Expect(page.Locator(".kpi[data-kpi=overdue] .kpi-value")).ToHaveTextAsync("1");
        await Expect(page.Locator("#district-map path.leaflet-interactive").First).ToBeVisibleAsync();
        await Screenshot(page, "statistics-dashboard");
    }

    [Fact]
    public async Task Dashboard_SwitchesToEnglish()
    {
        await SeedAsync();
        await using var context = await browser.NewContextAsync(width: 1366, height: 900);
        var page = await OpenAsync(context);

        await page.Locator("#lang-button").ClickAsync();

        await Expect(page.Locator("section[data-chart=bridge-grades] h2")).ToHaveTextAsync("Bridge condition grades (A–E)");
        await Expect(page.Locator(".app-nav a[href='/statistics']")).ToHaveTextAsync("Statistics");
        Assert.Equal([1, 2, 0, 1, 0], await ChartDataAsync(page, "bridge-grades"));
        // Districts by their English names, not their adcodes; back in Chinese, by their Chinese ones.
        Assert.Equal(["Licheng District", "Fengze District"], await page.EvaluateAsync<string[]>("() => Chart.getChart('chart-assets').data.labels"));
        Assert.Equal(["Fengze District", "City"], await page.EvaluateAsync<string[]>("() => Chart.getChart('chart-cover-intact').data.labels"));
        Assert.Contains("Jinjiang City", await page.EvaluateAsync<string[]>("() => Chart.getChart('chart-inspections').data.labels"));
        await Screenshot(page, "statistics-english");
        await page.Locator("#lang-button").ClickAsync();
        await Expect(page.Locator(".app-nav a[href='/statistics']")).ToHaveTextAsync("统计");
        Assert.Equal(["鲤城区", "丰泽区"], await page.EvaluateAsync<string[]>("() => Chart.getChart('chart-assets').data.labels"));
    }

    [Fact]
    public async Task Download_FromTheDashboard_GivesTheCsv()
    {
        await SeedAsync();
        await using var context = await browser.NewContextAsync();
        var page = await OpenAsync(context);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("section[data-chart=bridge-grades] a.download", new() { HasText = "CSV" }).ClickAsync());

        var path = await download.PathAsync();
        var lines = (await File.ReadAllTextAsync(path)).Split("\r\n");
        Assert.Contains("B,2", lines);
        Assert.Contains("D,1", lines);
    }
}
