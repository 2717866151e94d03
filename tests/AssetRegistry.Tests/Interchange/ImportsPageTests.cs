using System.Net;
using System.Text.RegularExpressions;
using AssetRegistry.Domain.Imports;
using AssetRegistry.Domain.Spatial;
using AssetRegistry.Domain.Users;
using AssetRegistry.Tests.Infrastructure;

namespace AssetRegistry.Tests.Interchange;

/// <summary>
/// The imports page as the server serves it (editors only, strict CSP, no inline script), and a static check of its
/// scripts: every message key has a text, every element the scripts look up is in the page, every CRS offered is
/// one the domain accepts.
/// </summary>
public sealed class ImportsPageTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    [Theory]
    [InlineData(Roles.Engineer)]
    [InlineData(Roles.Admin)]
    public async Task ImportsPage_ForAnEditor_IsServedWithItsScriptUnderTheStrictPolicy(string role)
    {
        var response = await Fixture.Client(role).GetAsync("/imports");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AssetRegistry.Web.Infrastructure.AppPages.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"/js/imports/main.js\"></script>", html);
        Assert.Contains($">t_{role}</span>", html);
        Assert.DoesNotMatch(new Regex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"\son[a-z]+=", RegexOptions.IgnoreCase), html);
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Crew)]
    [InlineData(Roles.Planner)]
    public async Task ImportsPage_ForARoleThatMayNotEdit_Is403WithAPageSayingWhy(string role)
    {
        var response = await Fixture.Client(role).GetAsync("/imports");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("此页面供可编辑资产的用户使用", html);
        Assert.Contains($"<strong>t_{role}</strong>", html);
        Assert.DoesNotContain("/js/imports/main.js", html);
    }

    [Fact]
    public async Task ImportsPage_SignedOut_RedirectsToTheLogin()
    {
        var response = await Fixture.Client(null).GetAsync("/imports");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task MapPage_LinksToTheImportsPageForEditors()
    {
        var html = await Fixture.Client().GetStringAsync("/");
        Assert.Contains("<a href=\"/imports\" class=\"editor-only\"", html);
    }

    private static readonly string[] Scripts = ["main.js", "messages.js", "preview.js", "upload.js"];

    private async Task<string> ScriptAsync(string name) => await Fixture.Client().GetStringAsync("/js/imports/" + name);

    [Fact]
    public async Task ImportsScripts_UseNoMessageKeyWithoutAText()
    {
        var messages = await ScriptAsync("messages.js");
        var keys = Regex.Matches(messages, @"^  (\w+): \[", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Contains("pageTitle", keys);
        var used = new List<string>();
        foreach (var script in Scripts)
            used.AddRange(Regex.Matches(await ScriptAsync(script), @"\btr\('(\w+)'").Select(m => m.Groups[1].Value));
        // Keys reached through a table (status, count and column labels) appear as quoted words.
        used.AddRange(Regex.Matches(await ScriptAsync("main.js"), @"'((?:status|rows|recent)[A-Z]\w*)'").Select(m => m.Groups[1].Value));
        Assert.NotEmpty(used);
        Assert.Equal(Array.Empty<string>(), used.Distinct().Where(k => !keys.Contains(k)).ToArray());
    }

    [Fact]
    public async Task ImportsScripts_LookUpOnlyElementsThePageHas()
    {
        var html = await Fixture.Client().GetStringAsync("/imports");
        var ids = Regex.Matches(html, @"\bid=""([\w-]+)""").Select(m => m.Groups[1].Value).ToHashSet();
        var main = await ScriptAsync("main.js");
        var looked = Regex.Matches(main, @"\$\('([\w-]+)'\)").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains("upload-bar", looked);
        Assert.Equal(Array.Empty<string>(), looked.Where(id => !ids.Contains(id)).ToArray());
    }

    [Fact]
    public async Task ImportsPage_OffersExactlyTheCrsTheDomainAccepts()
    {
        var messages = await ScriptAsync("messages.js");
        var offered = Regex.Matches(messages, @"uri: '([^']+)'").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(SupportedCrs.All.Select(c => c.Uri), offered);
    }

    [Fact]
    public async Task ImportsPage_MarksAsGeometryExactlyTheCsvColumnsTheImportReadsItFrom()
    {
        var block = Regex.Match(await ScriptAsync("preview.js"), @"csvGeometryNames = \{(?<body>[^}]*)\}").Groups["body"].Value;
        IReadOnlyList<string> Names(string role) => Regex.Matches(Regex.Match(block, $@"\b{role}: \[(?<list>[^\]]*)\]").Groups["list"].Value, "'([^']*)'")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(CsvFeatureSource.WktNames, Names("wkt"));
        Assert.Equal(CsvFeatureSource.XNames, Names("x"));
        Assert.Equal(CsvFeatureSource.YNames, Names("y"));
    }
}
