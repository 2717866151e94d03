using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Api;

/// <summary>
/// Every OGC document as an HTML page for a browser (f=html, or Accept: text/html without f), values encoded,
/// Chinese headings by default and English on request, and the JSON answers unchanged apart from the links
/// to their pages.
/// </summary>
public sealed class OgcHtmlTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    /// <summary>What Chromium sends when the user opens a URL.</summary>
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private async Task<long> SeedManholeAsync(string name = "东街井") =>
        (await Fixture.Client().CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain", ["name"] = name }))).Id;

    private static async Task<string> HtmlAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("style=", text);
        return text;
    }

    public static TheoryData<string, string> Pages => new()
    {
        { "/ogc", "<h2>链接</h2>" },
        { "/ogc/conformance", "<h1>符合性类别</h1>" },
        { "/ogc/collections", "<h1>要素集合</h1>" },
        { "/ogc/collections/manholes", "<h1>检查井·井盖</h1>" },
        { "/ogc/collections/manholes/queryables", "<h1>检查井·井盖 · 可查询属性</h1>" },
        { "/ogc/collections/manholes/items", "匹配总数" },
        { "/ogc/collections/manholes/items/{id}", "<h1>检查井·井盖 {id} · 东街井</h1>" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryOgcPage_WithFHtml_RendersInChinese_AndLinksItsJson(string path, string heading)
    {
        var id = await SeedManholeAsync();
        path = path.Replace("{id}", id.ToString());
        var html = await HtmlAsync(await Fixture.Client().GetAsync(path + "?f=html"));
        Assert.Contains(heading.Replace("{id}", id.ToString()), html);
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains($"<link rel=\"alternate\" type=\"application/json\" href=\"http://localhost{path}?f=json\">", html);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryOgcPage_BrowserNavigationWithoutF_GetsTheHtmlPage(string path, string heading)
    {
        var id = await SeedManholeAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, path.Replace("{id}", id.ToString()));
        request.Headers.TryAddWithoutValidation("Accept", BrowserAccept);
        var html = await HtmlAsync(await Fixture.Client().SendAsync(request));
        Assert.Contains(heading.Replace("{id}", id.ToString()), html);
    }

    [Fact]
    public async Task OgcPages_WithEnglishAcceptLanguage_UseEnglishHeadings()
    {
        await SeedManholeAsync();
        var c = Fixture.Client();
        c.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-GB"));
        Assert.Contains("<h1>Collections</h1>", await HtmlAsync(await c.GetAsync("/ogc/collections?f=html")));
        var items = await HtmlAsync(await c.GetAsync("/ogc/collections/manholes/items?f=html"));
        Assert.Contains("<html lang=\"en\">", items);
        Assert.Contains("Matched", items);
        Assert.Contains("<th>Network</th>", items);
    }

    [Fact]
    public async Task ItemsPage_ShowsPropertiesCountsAndPaging_WithEveryValueEncoded()
    {
        await SeedManholeAsync("<script>alert('井')</script>");
        await SeedManholeAsync("A & B");
        await SeedManholeAsync("第三口井");
        var html = await HtmlAsync(await Fixture.Client().GetAsync("/ogc/collections/manholes/items?f=html&limit=2&network=rain"));

        Assert.Contains("<strong id=\"number-matched\">3</strong>", html);
        Assert.Contains("<strong id=\"number-returned\">2</strong>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;井&#39;)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("A &amp; B", html);
        Assert.DoesNotContain("第三口井", html);
        Assert.Contains("<th>管网类别</th>", html);
        Assert.Contains("rel=\"next\" href=\"http://localhost/ogc/collections/manholes/items?f=html&amp;network=rain&amp;limit=2&amp;offset=2\"", html);
        Assert.DoesNotContain("rel=\"prev\"", html);
        Assert.Contains("<script src=\"/lib/leaflet/dist/leaflet.js\" defer></script>", html);
        Assert.Contains("data-src=\"http://localhost/ogc/collections/manholes/items?limit=2&amp;network=rain&amp;f=json\"", html);

        var second = await HtmlAsync(await Fixture.Client().GetAsync("/ogc/collections/manholes/items?f=html&limit=2&network=rain&offset=2"));
        Assert.Contains("第三口井", second);
        Assert.Contains("rel=\"prev\"", second);
        Assert.DoesNotContain("rel=\"next\"", second);
    }

    [Fact]
    public async Task EnumerationCodes_ShowTheirLabelBeforeTheCode_InTheReadersLanguage()
    {
        var id = await SeedManholeAsync();
        var zh = await HtmlAsync(await Fixture.Client().GetAsync("/ogc/collections/manholes/items?f=html"));
        Assert.Contains("<td>雨水 (rain)</td>", zh);
        Assert.Contains("<td>在用 (in_service)</td>", zh);
        Assert.Contains("<dd>雨水 (rain)</dd>", await HtmlAsync(await Fixture.Client().GetAsync($"/ogc/collections/manholes/items/{id}?f=html")));
        Assert.Contains("enum: 规划 (planned), 在用 (in_service), 停用 (retired)",
            await HtmlAsync(await Fixture.Client().GetAsync("/ogc/collections/manholes/queryables?f=html")));

        var c = Fixture.Client();
        c.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        Assert.Contains("<td>Rain (rain)</td>", await HtmlAsync(await c.GetAsync("/ogc/collections/manholes/items?f=html")));
    }

    [Fact]
    public async Task ItemPage_EncodesANameWithMarkup()
    {
        var id = await SeedManholeAsync("<img src=x onerror=alert(1)>");
        var html = await HtmlAsync(await Fixture.Client().GetAsync($"/ogc/collections/manholes/items/{id}?f=html"));
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.DoesNotContain("<img", html);
    }

    public static TheoryData<string> JsonPaths =>
        ["/ogc", "/ogc/conformance", "/ogc/collections", "/ogc/collections/parks", "/ogc/collections/parks/queryables", "/ogc/collections/manholes/items/{id}"];

    [Theory]
    [MemberData(nameof(JsonPaths))]
    public async Task JsonAnswers_AreTheSameWithFJson_AndLinkTheirHtmlPage(string path)
    {
        path = path.Replace("{id}", (await SeedManholeAsync()).ToString());
        var c = Fixture.Client();
        var plain = await c.GetAsync(path);
        var withF = await c.GetAsync(path + "?f=json");
        Assert.Equal(HttpStatusCode.OK, withF.StatusCode);
        Assert.Equal(plain.Content.Headers.ContentType!.MediaType, withF.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith("json", plain.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await plain.Content.ReadAsStringAsync(), await withF.Content.ReadAsStringAsync());
        Assert.Contains(plain.Headers.GetValues("Link"), l => l.Contains("rel=\"alternate\"; type=\"text/html\"") && l.Contains("f=html"));
    }

    [Fact]
    public async Task JsonDocumentsWithLinks_IncludeTheirHtmlAlternate()
    {
        await SeedManholeAsync();
        var c = Fixture.Client();
        foreach (var path in new[] { "/ogc", "/ogc/collections", "/ogc/collections/manholes", "/ogc/collections/manholes/items?limit=5" })
        {
            var links = (await (await c.GetAsync(path)).JsonAsync())["links"]!.AsArray();
            var alternate = links.Single(l => l!["rel"]!.GetValue<string>() == "alternate")!;
            Assert.Equal("text/html", alternate["type"]!.GetValue<string>());
            Assert.Contains("f=html", alternate["href"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task ItemsJson_WithFJson_KeepsTheFeatureCollection()
    {
        var id = await SeedManholeAsync();
        var page = await (await Fixture.Client().GetAsync("/ogc/collections/manholes/items?f=json")).JsonAsync();
        Assert.Equal("FeatureCollection", page["type"]!.GetValue<string>());
        Assert.Equal(id, page["features"]![0]!["id"]!.GetValue<long>());
        Assert.Equal(1, page["numberMatched"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("/ogc?f=xml")]
    [InlineData("/ogc/collections?f=pdf")]
    [InlineData("/ogc/collections/manholes/items?f=csv")]
    [InlineData("/ogc/api?f=yaml")]
    public async Task UnknownF_Returns400ProblemNamingF(string path) =>
        await AssertProblemAsync(await Fixture.Client().GetAsync(path), HttpStatusCode.BadRequest, "f");

    [Fact]
    public async Task Anonymous_BrowserGetsTheLoginPage_WhileClientsGet401()
    {
        var anonymous = Fixture.Client(role: null);
        var request = new HttpRequestMessage(HttpMethod.Get, "/ogc/collections?f=html");
        var page = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login?ReturnUrl=", page.Headers.Location!.OriginalString.Replace("http://localhost", ""));

        var json = await anonymous.GetAsync("/ogc/collections");
        await AssertProblemAsync(json, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Basic", json.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task GisClientAccept_GetsJson()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/ogc/collections");
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/html;q=0.5");
        var response = await Fixture.Client().SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull((await response.JsonAsync())["collections"]);
    }
}
