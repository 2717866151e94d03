using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AssetRegistry.Tests.Browser;

/// <summary>The map page as tests drive it: open a view, find where an asset is drawn, click and drag it.</summary>
public sealed class MapPage
{
    public MapPage(IPage page, ITestOutputHelper output)
    {
        Page = page;
        // The page's console and script errors go to the test output, where a failure can be diagnosed.
        page.Console += (_, message) => Log(output, $"console {message.Type}: {message.Text}");
        page.PageError += (_, error) => Log(output, $"page error: {error}");
    }

    public IPage Page { get; }

    private static void Log(ITestOutputHelper output, string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has already finished; its output is closed.
        }
    }

    /// <summary>Opens the map at a zoom and WGS 84 position (the page reads <c>#zoom/lat/lon</c>) and waits until it is ready.</summary>
    public async Task OpenAsync(int zoom, double lon, double lat, string query = "")
    {
        await Page.GotoAsync(string.Create(CultureInfo.InvariantCulture, $"/{query}#{zoom}/{lat}/{lon}"));
        await Page.WaitForSelectorAsync("body[data-ready=true]");
    }

    /// <summary>Waits until the asset is drawn on the map (vector tile, GeoJSON or editable layer).</summary>
    public Task WaitForRenderedAsync(string collection, long id) =>
        Page.WaitForFunctionAsync("([c, id]) => window.registryMap?.renderedIds(c).includes(id)", new object[] { collection, id });

    public Task WaitForGoneAsync(string collection, long id) =>
        Page.WaitForFunctionAsync("([c, id]) => !window.registryMap?.renderedIds(c).includes(id)", new object[] { collection, id });

    /// <summary>Page coordinates of a point asset drawn in the editable layer.</summary>
    public async Task<(float X, float Y)> PointOfAsync(string collection, long id)
    {
        await WaitForRenderedAsync(collection, id);
        var xy = await Page.EvaluateAsync<float[]>("""
            ([c, id]) => {
              const { map, layers } = window.registryMap;
              const layer = layers.editableLayer(c, id);
              const p = map.latLngToContainerPoint(layer.getLatLng());
              const box = map.getContainer().getBoundingClientRect();
              return [p.x + box.left, p.y + box.top];
            }
            """, new object[] { collection, id });
        return (xy[0], xy[1]);
    }

    /// <summary>Page coordinates of a WGS 84 position on the map.</summary>
    public async Task<(float X, float Y)> PointOfAsync(double lon, double lat)
    {
        var xy = await Page.EvaluateAsync<float[]>("""
            ([lon, lat]) => {
              const { map } = window.registryMap;
              const p = map.latLngToContainerPoint([lat, lon]);
              const box = map.getContainer().getBoundingClientRect();
              return [p.x + box.left, p.y + box.top];
            }
            """, new object[] { lon, lat });
        return (xy[0], xy[1]);
    }

    /// <summary>Clicks a point asset and waits for its form.</summary>
    public async Task OpenAssetAsync(string collection, long id)
    {
        var (x, y) = await PointOfAsync(collection, id);
        await Page.Mouse.ClickAsync(x, y);
        await Page.Locator("#panel .asset-form").WaitForAsync();
    }

    /// <summary>Drags from one page position to another in small steps, as a hand would.</summary>
    public async Task DragAsync((float X, float Y) from, (float X, float Y) to)
    {
        await Page.Mouse.MoveAsync(from.X, from.Y);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(to.X, to.Y, new MouseMoveOptions { Steps = 12 });
        await Page.Mouse.UpAsync();
    }

    /// <summary>Clicks Save and returns the write's response.</summary>
    public Task<IResponse> SaveAsync(string method) =>
        Page.RunAndWaitForResponseAsync(() => Page.Locator("#save-button").ClickAsync(), r => r.Request.Method == method && r.Url.Contains("/items"));

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(MapBrowserFixture.ScreenshotDirectory, name + ".png") });
}
