using System.Text;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace AssetRegistry.Tests.Browser;

/// <summary>
/// The imports page end to end in headless Chromium against the real import API (cookie sign-in, antiforgery
/// header, the background dry run and commit): the page is driven as an engineer would, and the database is checked
/// for what the page said it did. <see cref="ImportsPageContractTests"/> covers what needs answers the real API
/// cannot be made to give on demand (long refusal lists, a refused upload).
/// </summary>
public sealed class ImportsPageTests(RegistryFixture fixture, MapBrowserFixture browser, ITestOutputHelper output)
    : RegistryTest(fixture), IClassFixture<MapBrowserFixture>
{
    /// <summary>Four streetlights in Quanzhou; the third has a wattage that is not a number.</summary>
    private const string OneBadRowCsv = """
        code,name,lamp_type,wattage_w,longitude,latitude
        SL-E-001,丰泽街灯一,led,120,118.6757,24.8744
        SL-E-002,鲤城街灯二,hps,250,118.581,24.9168
        SL-E-003,坏功率街灯,led,很亮,118.6,24.9
        SL-E-004,鲤城街灯四,led,100,118.6,24.91
        """;

    /// <summary>The dry run and the commit run in the background; the page polls each second.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions Background = new() { Timeout = 30_000 };

    /// <summary>Records the upload's own progress events (the XHR's upload object), as the browser fires them.</summary>
    private const string RecordUploadProgress = """
        window.uploadProgress = [];
        const send = XMLHttpRequest.prototype.send;
        XMLHttpRequest.prototype.send = function (body) {
          this.upload.addEventListener('progress', (e) => window.uploadProgress.push([e.loaded, e.total]));
          return send.call(this, body);
        };
        """;

    /// <summary>The imports page in a new page of <paramref name="context"/>, signed in as the engineer, ready; its
    /// console and errors go to the test's output.</summary>
    private async Task<IPage> OpenAsEngineerAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.Console += (_, m) => Log($"console {m.Type}: {m.Text}");
        page.PageError += (_, e) => Log($"page error: {e}");
        await MapBrowserFixture.SignInAsync(page, "t_engineer");
        await page.GotoAsync("/imports");
        await page.WaitForSelectorAsync("body[data-ready=true]");
        return page;
    }

    [Fact]
    public async Task EngineerImportsACsvWithOneBadRow_SeesTheRefusalThe409AndImportsTheValidRowsAfterConfirming()
    {
        await using var context = await browser.NewContextAsync(signedIn: false, width: 1280, height: 900);
        await context.AddInitScriptAsync(RecordUploadProgress);
        var page = await OpenAsEngineerAsync(context);

        await page.Locator("#collection").SelectOptionAsync("streetlights");
        var csv = Encoding.UTF8.GetBytes(OneBadRowCsv.ReplaceLineEndings("\r\n") + "\r\n");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "one_bad_wattage.csv", MimeType = "text/csv", Buffer = csv });
        await Expect(page.Locator("#preview-mapping select[data-field='wattage_w']")).ToHaveValueAsync("wattage_w");
        await page.Locator("#upload-button").ClickAsync();

        await Expect(page.Locator("#run-status")).ToHaveTextAsync("校验完成，待导入", Background);
        var progress = await page.EvaluateAsync<long[][]>("window.uploadProgress");
        Assert.NotEmpty(progress);
        var (loaded, total) = (progress[^1][0], progress[^1][1]);
        Assert.True(total > csv.Length, $"the multipart body ({total} bytes) carries the file ({csv.Length} bytes)");
        Assert.Equal(total, loaded); // the browser reported the whole body sent
        Assert.Equal(1.0, await page.EvalOnSelectorAsync<double>("#upload-bar", "bar => bar.value"));
        await Expect(page.Locator("#upload-progress")).ToBeHiddenAsync();

        await Expect(page.Locator("#run-counts [data-count=rowsRead] dd")).ToHaveTextAsync("4");
        await Expect(page.Locator("#run-counts [data-count=rowsValid] dd")).ToHaveTextAsync("3");
        await Expect(page.Locator("#run-counts [data-count=rowsRefused] dd")).ToHaveTextAsync("1");
        var refusal = page.Locator(".refusals-table tbody tr");
        await Expect(refusal).ToHaveCountAsync(1);
        await Expect(refusal.Locator("td").Nth(0)).ToHaveTextAsync("3");
        await Expect(refusal.Locator("td").Nth(1)).ToHaveTextAsync("wattage_w");
        await Expect(refusal.Locator("td").Nth(2)).ToContainTextAsync("须为整数");
        // The server words the reason in the page's language: a switch fetches it again.
        await page.Locator("#lang-button").ClickAsync();
        await Expect(refusal.Locator("td").Nth(2)).ToContainTextAsync("must be a whole number");
        await page.Locator("#lang-button").ClickAsync();
        await Expect(refusal.Locator("td").Nth(2)).ToContainTextAsync("须为整数");
        // Until when the check is kept, in Quanzhou's time: the end of the dry run plus 72 hours.
        var checkedAt = await Fixture.ScalarAsync<DateTime>("select heartbeat_at from import_runs order by id desc limit 1");
        var keptUntil = checkedAt.AddHours(72 + 8).ToString("yyyy/M/d HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Locator("#commit-note")).ToContainTextAsync($"试运行结果保留至 {keptUntil}，届时仍未导入或放弃将自动删除。");

        await page.Locator("#commit-all").ClickAsync();
        await Expect(page.Locator("#commit-error")).ToContainTextAsync("试运行拒绝了 1 行；全部导入或全不导入时不能提交");
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("校验完成，待导入");
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from streetlights"));

        await page.Locator("#commit-valid").ClickAsync();
        await Expect(page.Locator("#confirm-valid")).ToBeVisibleAsync();
        await Expect(page.Locator("#confirm-valid-text")).ToContainTextAsync("将导入 3 条有效记录，跳过 1 条被拒记录");
        await page.Locator("#confirm-valid button[value=confirm]").ClickAsync();

        await Expect(page.Locator("#run-status")).ToHaveTextAsync("导入完成", Background);
        await Expect(page.Locator("#commit-note")).ToHaveTextAsync("导入完成：新增 3 条，更新 0 条，被拒 1 条。");
        await Expect(page.Locator("#run-counts [data-count=rowsInserted] dd")).ToHaveTextAsync("3");
        await Expect(page.Locator("#commit-actions")).ToBeHiddenAsync();
        var runId = await page.EvaluateAsync<long>("window.registryImports.state.run.id");
        await Expect(page.Locator($"#recent tr[data-run='{runId}'] td").Nth(2)).ToHaveTextAsync("导入完成");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(MapBrowserFixture.ScreenshotDirectory, "imports-end-to-end.png"), FullPage = true });

        Assert.Equal("SL-E-001,SL-E-002,SL-E-004", await Fixture.ScalarAsync<string>("select string_agg(code, ',' order by code) from streetlights"));
        Assert.Equal(250, await Fixture.ScalarAsync<int>("select wattage_w from streetlights where code = 'SL-E-002'"));
        Assert.Equal("t_engineer", await Fixture.ScalarAsync<string>("select string_agg(distinct created_by, ',') from streetlights"));
        // One history row for the import names the three assets it inserted, on both sides of the refused row.
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from asset_changes where operation = 'import' and changed_by = 't_engineer'"));
        Assert.Equal(3L, await Fixture.ScalarAsync<long>(
            "select count(*) from streetlights s join asset_changes c on c.asset_ids @> s.id where c.operation = 'import' and c.changed_by = 't_engineer'"));
    }

    [Fact]
    public async Task ADryRunThatExpiresWhileThePageIsOpen_RefusesTheCommitSayingSo_AndThePageShowsItExpired()
    {
        await using var context = await browser.NewContextAsync(signedIn: false, width: 1280, height: 900);
        var page = await OpenAsEngineerAsync(context);
        await page.Locator("#collection").SelectOptionAsync("streetlights");
        var csv = Encoding.UTF8.GetBytes(OneBadRowCsv.ReplaceLineEndings("\r\n") + "\r\n");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "left_over_the_weekend.csv", MimeType = "text/csv", Buffer = csv });
        await Expect(page.Locator("#preview-mapping select[data-field='wattage_w']")).ToHaveValueAsync("wattage_w");
        await page.Locator("#upload-button").ClickAsync();
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("校验完成，待导入", Background);
        await Expect(page.Locator(".refusals-table tbody tr")).ToHaveCountAsync(1);

        // The page stays open past the limit (the dry run ended 73 hours ago) and the import sweep runs.
        var runId = await page.EvaluateAsync<long>("window.registryImports.state.run.id");
        await Fixture.ExecuteAsync("update import_runs set heartbeat_at = now() - interval '73 hours' where id = $1", runId);
        Assert.Equal(1, await Fixture.Factory.Services.GetRequiredService<AssetRegistry.Domain.Imports.ImportPipeline>().ExpireValidatedAsync(CancellationToken.None));

        // The engineer, unaware, imports the valid rows: the answer says the check expired, and the page now shows
        // the run as it is: expired, no import buttons, the refused rows gone with the check.
        await page.Locator("#commit-valid").ClickAsync();
        await page.Locator("#confirm-valid button[value=confirm]").ClickAsync();
        await Expect(page.Locator("#commit-error")).ToContainTextAsync("此试运行已过期，不能提交。试运行后 72 小时内既未导入也未放弃");
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("已过期");
        await Expect(page.Locator("#commit-actions")).ToBeHiddenAsync();
        await Expect(page.Locator("#refusals h3")).ToHaveTextAsync("被拒记录 (1)");
        await Expect(page.Locator("#refusals")).ToContainTextAsync("试运行已过期，被拒记录已随其校验数据删除。");
        await Expect(page.Locator($"#recent tr[data-run='{runId}'] td").Nth(2)).ToHaveTextAsync("已过期");
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from streetlights"));
        Assert.Equal("expired", await Fixture.ScalarAsync<string>("select status from import_runs where id = $1", runId));
    }

    [Fact]
    public async Task ReimportWithMatchOnCode_ShowsWhatItLeavesAlone_AndRefusesTheCommitWhenSuchAnAssetWasEditedMeanwhile()
    {
        // Two streetlights as the survey left them; the re-survey changes the first one's wattage only.
        var api = Fixture.Client();
        await api.CreateAsync("streetlights", Features.Feature(Features.Point(118.6757, 24.8744),
            new() { ["code"] = "SL-U-001", ["name"] = "丰泽街灯一", ["lamp_type"] = "led", ["wattage_w"] = 120 }));
        var (secondId, secondETag, _) = await api.CreateAsync("streetlights", Features.Feature(Features.Point(118.581, 24.9168),
            new() { ["code"] = "SL-U-002", ["name"] = "鲤城街灯二", ["lamp_type"] = "hps", ["wattage_w"] = 250 }));
        const string resurvey = """
            code,name,lamp_type,wattage_w,longitude,latitude
            SL-U-001,丰泽街灯一,led,150,118.6757,24.8744
            SL-U-002,鲤城街灯二,hps,250,118.581,24.9168
            """;

        await using var context = await browser.NewContextAsync(signedIn: false, width: 1280, height: 900);
        var page = await OpenAsEngineerAsync(context);
        await page.Locator("#collection").SelectOptionAsync("streetlights");
        await Expect(page.Locator("label:has(#match-on-code)")).ToHaveTextAsync(
            "按编码匹配已有资产：编码已存在的更新该资产（文件未给出的属性保留原值），其余新增");
        await page.Locator("#match-on-code").CheckAsync();
        await page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "resurvey.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(resurvey.ReplaceLineEndings("\r\n") + "\r\n"),
        });
        await Expect(page.Locator("#preview-mapping select[data-field='wattage_w']")).ToHaveValueAsync("wattage_w");
        await page.Locator("#upload-button").ClickAsync();
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("校验完成，待导入", Background);
        await Expect(page.Locator("#run-counts [data-count=rowsUnchanged] dt")).ToHaveTextAsync("与库中一致（不改动）");
        await Expect(page.Locator("#run-counts [data-count=rowsUnchanged] dd")).ToHaveTextAsync("1");

        // Before the engineer commits, a colleague renames SL-U-002 on the map: the file's row for it, found the
        // same as stored, is no longer what is stored.
        var renamed = new System.Text.Json.Nodes.JsonObject { ["properties"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "同事改的名称" } };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.SendWithIfMatchAsync(HttpMethod.Patch,
            $"/ogc/collections/streetlights/items/{secondId}", renamed, secondETag)).StatusCode);

        await page.Locator("#commit-all").ClickAsync();
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("失败", Background);
        await Expect(page.Locator("#run-error")).ToContainTextAsync("自试运行以来，文件匹配的要素已被修改或删除");
        await Expect(page.Locator("#commit-actions")).ToBeHiddenAsync();
        // Nothing was imported: the first keeps its wattage, the colleague's name stays.
        Assert.Equal(120, await Fixture.ScalarAsync<int>("select wattage_w from streetlights where code = 'SL-U-001'"));
        Assert.Equal("同事改的名称", await Fixture.ScalarAsync<string>("select name from streetlights where code = 'SL-U-002'"));
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
}
