using System.Globalization;
using Microsoft.Playwright;

/// <summary>
/// How long the whole-city map takes to draw in headless Chromium (Debian's), from navigation start until every
/// tile of every visible layer has loaded and the district boundaries are drawn: a cold page load each round (new
/// browser context, empty cache), the same view as a planner opening the map. Usage:
/// <c>map &lt;baseUrl&gt; &lt;user&gt; &lt;password&gt; [rounds=10]</c>.
/// </summary>
public static class MapDrawBenchmark
{
    private const string AllTilesLoaded = """
        () => {
            const tiles = document.querySelectorAll('.leaflet-tile');
            const pending = document.querySelectorAll('.leaflet-tile:not(.leaflet-tile-loaded)');
            const districts = document.querySelectorAll('.leaflet-overlay-pane path, .leaflet-pane path').length > 0;
            return tiles.length > 0 && pending.length === 0 && districts;
        }
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = args[1].TrimEnd('/');
        var rounds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 10;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        // Sign in once; each round reuses the cookie in a fresh context (cold HTTP cache).
        var login = await browser.NewContextAsync();
        var page = await login.NewPageAsync();
        await page.GotoAsync(baseUrl + "/login");
        await page.FillAsync("input[name=username]", args[2]);
        await page.FillAsync("input[name=password]", args[3]);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(baseUrl + "/");
        var state = await login.StorageStateAsync();

        var times = new List<double>();
        var tileCounts = new List<int>();
        for (var i = 0; i < rounds; i++)
        {
            await using var context = await browser.NewContextAsync(new() { StorageState = state, ViewportSize = new() { Width = 1366, Height = 820 } });
            var p = await context.NewPageAsync();
            await p.GotoAsync(baseUrl + "/#12/24.900/118.600");
            await p.WaitForFunctionAsync(AllTilesLoaded, null, new() { PollingInterval = 20, Timeout = 60_000 });
            times.Add(await p.EvaluateAsync<double>("() => performance.now()"));
            tileCounts.Add(await p.EvaluateAsync<int>("() => document.querySelectorAll('.leaflet-tile').length"));
        }
        times.Sort();
        double P(double q) => times[(int)Math.Round(q / 100 * (times.Count - 1))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"whole-city view (z12, 1366×820, cold cache): {rounds} rounds, {tileCounts.Average():0} tiles drawn; p50 {P(50):0} ms, p95 {P(95):0} ms, max {times[^1]:0} ms"));
        return 0;
    }
}
