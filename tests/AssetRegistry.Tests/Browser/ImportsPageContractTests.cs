using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace AssetRegistry.Tests.Browser;

/// <summary>
/// The imports page in headless Chromium, with <c>/api/imports</c> answered by the browser itself as the import
/// API's contract says: the page reads a CSV header and prefills the mapping, uploads with the chosen options,
/// follows the dry run, pages the refusals, shows a 409's detail, commits the valid rows only after a confirmation,
/// and shows the final counts, in Chinese and English. Everything else (sign-in, collections, queryables) is the
/// real app. Kept beside the end-to-end <see cref="ImportsPageTests"/> for what the real API cannot be made to
/// answer on demand: more refusals than a page, an upload refused with a field error.
/// </summary>
public sealed class ImportsPageContractTests(RegistryFixture fixture, MapBrowserFixture browser, ITestOutputHelper output)
    : RegistryTest(fixture), IClassFixture<MapBrowserFixture>
{
    private const string Csv = "code,名称,network,cover_diam,井深,lon,lat\r\nMH-9001,东街口检查井,rain,700,2.5,118.6,24.9\r\n";

    /// <summary>What the stub answers and what it was sent.</summary>
    private sealed class ImportApiStub
    {
        public string Status = "validating";
        public int Polls;
        public readonly List<string> Uploads = [];
        public readonly List<string> Commits = [];
        public readonly List<string> RefusalLanguages = [];

        public JsonObject Run() => new()
        {
            ["id"] = "run-1", ["collection"] = "manholes", ["format"] = "csv", ["fileName"] = "wells.csv", ["status"] = Status,
            ["rowsRead"] = Status == "validating" ? 40 : 80, ["rowsValid"] = 75, ["rowsRefused"] = Status == "validating" ? 0 : 55,
            ["rowsInserted"] = Status == "done" ? 70 : 0, ["rowsUpdated"] = Status == "done" ? 5 : 0,
            ["matchOnCode"] = true, ["rowsUnchanged"] = Status == "validating" ? 0 : 12,
            ["progress"] = Status == "validating" ? 0.5 : 1.0,
            ["sourceFields"] = new JsonArray("code", "名称", "network", "cover_diam", "井深"),
            ["mapping"] = new JsonObject { ["code"] = "code", ["名称"] = "name", ["network"] = "network", ["cover_diam"] = "cover_diameter_mm" },
            ["crs"] = "http://www.opengis.net/def/crs/OGC/1.3/CRS84", ["error"] = null, ["createdBy"] = "t_engineer",
            ["createdAt"] = "2026-11-25T02:00:00Z",
        };

        public async Task HandleAsync(IRoute route)
        {
            var request = route.Request;
            var path = new Uri(request.Url).AbsolutePath;
            if (request.Method == "POST" && path == "/api/imports")
            {
                Uploads.Add(Encoding.UTF8.GetString(request.PostDataBuffer ?? []));
                await Json(route, 202, Run());
            }
            else if (request.Method == "GET" && path == "/api/imports")
                await Json(route, 200, Uploads.Count == 0 ? new JsonArray() : new JsonArray(Run()));
            else if (request.Method == "GET" && path == "/api/imports/run-1")
            {
                if (Status == "validating" && ++Polls >= 2) Status = "validated";
                if (Status == "importing") Status = "done";
                await Json(route, 200, Run());
            }
            else if (request.Method == "GET" && path == "/api/imports/run-1/refusals")
            {
                var query = System.Web.HttpUtility.ParseQueryString(new Uri(request.Url).Query);
                var offset = int.Parse(query["offset"]!);
                var limit = int.Parse(query["limit"]!);
                // Worded in the request's language, as the server does.
                var english = (await request.AllHeadersAsync()).GetValueOrDefault("accept-language", "").StartsWith("en", StringComparison.Ordinal);
                RefusalLanguages.Add(english ? "en" : "zh");
                var items = new JsonArray(Enumerable.Range(offset, Math.Min(limit, 55 - offset))
                    .Select(i => (JsonNode)new JsonObject
                    {
                        ["row"] = i + 2, ["field"] = "network",
                        ["reason"] = english ? $"“pipe{i}” is not one of the network's values" : $"“pipe{i}” 不是管网类别的可选值",
                    }).ToArray());
                await Json(route, 200, new JsonObject { ["total"] = 55, ["items"] = items });
            }
            else if (request.Method == "POST" && path == "/api/imports/run-1/commit")
            {
                var mode = JsonNode.Parse(request.PostData!)!["mode"]!.GetValue<string>();
                Commits.Add(mode);
                if (mode == "all-or-nothing")
                    await Json(route, 409, new JsonObject
                    {
                        ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.10", ["title"] = "冲突", ["status"] = 409,
                        ["detail"] = "有 55 行被拒，“全部导入或全部不导入”未写入任何数据。",
                    }, "application/problem+json");
                else
                {
                    Status = "importing";
                    await Json(route, 202, Run());
                }
            }
            else await route.ContinueAsync();
        }

        private static Task Json(IRoute route, int status, JsonNode body, string type = "application/json") =>
            route.FulfillAsync(new RouteFulfillOptions { Status = status, ContentType = type, Body = body.ToJsonString() });
    }

    private async Task<(IPage Page, ImportApiStub Api)> OpenAsync(IBrowserContext context)
    {
        var api = new ImportApiStub();
        var page = await context.NewPageAsync();
        page.Console += (_, m) => Log($"console {m.Type}: {m.Text}");
        page.PageError += (_, e) => Log($"page error: {e}");
        await page.RouteAsync(new Regex(@"/api/imports(/|\?|$)"), api.HandleAsync);
        await page.GotoAsync("/imports");
        await page.WaitForSelectorAsync("body[data-ready=true]");
        return (page, api);
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

    [Fact]
    public async Task Preview_MarksTheColumnsTheImportReadsTheGeometryFrom_AndSaysWhenACsvHasNone()
    {
        await using var context = await browser.NewContextAsync(width: 1280, height: 900);
        var (page, _) = await OpenAsync(context);
        await page.Locator("#collection").SelectOptionAsync("streetlights");
        var preview = page.Locator("#preview-mapping");
        Task ChooseAsync(string csv) => page.Locator("#file").SetInputFilesAsync(
            new FilePayload { Name = "lights.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });

        // A WKT column is the geometry; coordinate columns beside it are then fields like any other, as the import reads them.
        await ChooseAsync(" WKT ,code,经度,纬度\r\n\"POINT(118.6 24.9)\",SL-1,118.6,24.9\r\n");
        await Expect(preview.Locator("tr.geometry-column[data-field='WKT']")).ToContainTextAsync("几何（WKT）");
        await Expect(preview.Locator("tr.geometry-column")).ToHaveCountAsync(1);
        await Expect(preview.Locator("select[data-field='经度']")).ToHaveValueAsync("");

        // Chinese coordinate names, without a WKT column.
        await ChooseAsync("编码,经度,纬度\r\nSL-1,118.6,24.9\r\n");
        await Expect(preview.Locator("tr.geometry-column")).ToHaveCountAsync(2);
        await Expect(preview.Locator("tr.geometry-column[data-field='纬度']")).ToContainTextAsync("几何：纬度或 Y（北坐标）");

        // A longitude without a latitude is no geometry: the page says so before the upload, in the import's words.
        await ChooseAsync("code,lon,lamp_type\r\nSL-1,118.6,led\r\n");
        await Expect(page.Locator("#preview-no-geometry")).ToHaveTextAsync("CSV 中没有几何：须有 wkt 列，或经度、纬度（或 x、y）两列。");
        await Expect(preview.Locator("tr.geometry-column")).ToHaveCountAsync(0);
        await Expect(preview.Locator("select[data-field='lon']")).ToHaveValueAsync("");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(MapBrowserFixture.ScreenshotDirectory, "imports-no-geometry.png"), FullPage = true });
    }

    [Fact]
    public async Task ImportFlow_PrefillsTheMappingUploadsFollowsTheCheckAndCommitsOnlyAfterConfirming()
    {
        await using var context = await browser.NewContextAsync(width: 1280, height: 900);
        var (page, api) = await OpenAsync(context);
        await Expect(page.Locator("#recent")).ToContainTextAsync("还没有导入记录");

        await page.Locator("#collection").SelectOptionAsync("manholes");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "wells.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Csv) });
        await Expect(page.Locator("#crs-hint")).ToContainTextAsync("CSV 文件不含坐标系");
        var preview = page.Locator("#preview-mapping");
        await Expect(preview.Locator("select[data-field='code']")).ToHaveValueAsync("code");
        await Expect(preview.Locator("select[data-field='名称']")).ToHaveValueAsync("name");
        await Expect(preview.Locator("select[data-field='cover_diam']")).ToHaveValueAsync("cover_diameter_mm");
        await Expect(preview.Locator("select[data-field='井深']")).ToHaveValueAsync("depth_m");
        // The coordinate columns are the geometry, not fields to map (the dry run's fields leave them out too).
        await Expect(preview.Locator("tr.geometry-column[data-field='lon']")).ToContainTextAsync("几何：经度或 X（东坐标）");
        await Expect(preview.Locator("tr.geometry-column[data-field='lat']")).ToContainTextAsync("几何：纬度或 Y（北坐标）");
        await Expect(preview.Locator("select[data-field='lon']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#preview-no-geometry")).ToHaveCountAsync(0);
        await Expect(preview.Locator("tr", new() { HasText = "东街口检查井" })).ToBeVisibleAsync();
        await preview.Locator("select[data-field='井深']").SelectOptionAsync("");
        await page.Locator("#crs").SelectOptionAsync("http://www.opengis.net/def/crs/EPSG/0/4490");
        await page.Locator("#gcj02").CheckAsync();
        await page.Locator("#match-on-code").CheckAsync();

        await page.Locator("#upload-button").ClickAsync();
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("校验完成，待导入");
        var upload = Assert.Single(api.Uploads);
        Assert.Contains("name=\"collection\"\r\n\r\nmanholes\r\n", upload);
        Assert.Contains("name=\"crs\"\r\n\r\nhttp://www.opengis.net/def/crs/EPSG/0/4490\r\n", upload);
        Assert.Contains("name=\"gcj02\"\r\n\r\ntrue\r\n", upload);
        Assert.Contains("name=\"matchOnCode\"\r\n\r\ntrue\r\n", upload);
        Assert.Contains("name=\"mapping\"\r\n\r\n{\"code\":\"code\",\"名称\":\"name\",\"network\":\"network\",\"cover_diam\":\"cover_diameter_mm\"}\r\n", upload);
        Assert.Contains("filename=\"wells.csv\"", upload);
        Assert.Contains("MH-9001", upload);
        Assert.DoesNotContain("name=\"format\"", upload);
        Assert.True(api.Polls >= 2);
        // The upload's bar ends full (progress events themselves need a real upload: the merged end-to-end test),
        // then the run's card takes over.
        Assert.Equal(1.0, await page.EvalOnSelectorAsync<double>("#upload-bar", "bar => bar.value"));
        await Expect(page.Locator("#upload-progress")).ToBeHiddenAsync();

        await Expect(page.Locator("#run-counts [data-count=rowsRefused] dd")).ToHaveTextAsync("55");
        // Matching on code: how many matched rows the file gives as stored, which the commit will leave alone.
        await Expect(page.Locator("#run-counts [data-count=rowsUnchanged] dt")).ToHaveTextAsync("与库中一致（不改动）");
        await Expect(page.Locator("#run-counts [data-count=rowsUnchanged] dd")).ToHaveTextAsync("12");
        await Expect(page.Locator(".refusals-table tbody tr")).ToHaveCountAsync(50);
        await Expect(page.Locator("#refusals .pager")).ToContainTextAsync("显示第 1–50 条，共 55 条");
        await Expect(page.Locator("#refusals a[href='/api/imports/run-1/refusals.csv']")).ToBeVisibleAsync();
        await page.Locator("#refusals button", new() { HasText = "下一页" }).ClickAsync();
        await Expect(page.Locator(".refusals-table tbody tr")).ToHaveCountAsync(5);
        await Expect(page.Locator(".refusals-table tbody tr").First).ToContainTextAsync("“pipe50” 不是管网类别的可选值");
        await Expect(page.Locator("#run-mapping select[data-field='cover_diam']")).ToHaveValueAsync("cover_diameter_mm");

        await page.Locator("#commit-all").ClickAsync();
        await Expect(page.Locator("#commit-error")).ToContainTextAsync("有 55 行被拒，“全部导入或全部不导入”未写入任何数据。");
        Assert.Equal(["all-or-nothing"], api.Commits);

        await page.Locator("#commit-valid").ClickAsync();
        await Expect(page.Locator("#confirm-valid")).ToBeVisibleAsync();
        await Expect(page.Locator("#confirm-valid-text")).ToContainTextAsync("将导入 75 条有效记录，跳过 55 条被拒记录");
        await page.Locator("#confirm-valid button[value=cancel]").ClickAsync();
        Assert.Equal(["all-or-nothing"], api.Commits);
        await page.Locator("#commit-valid").ClickAsync();
        await page.Locator("#confirm-valid button[value=confirm]").ClickAsync();

        await Expect(page.Locator("#run-status")).ToHaveTextAsync("导入完成");
        Assert.Equal(["all-or-nothing", "valid-rows"], api.Commits);
        await Expect(page.Locator("#commit-note")).ToHaveTextAsync("导入完成：新增 70 条，更新 5 条，被拒 55 条。 另有 12 条与库中一致，未改动（版本号与历史不变）。");
        await Expect(page.Locator("#commit-actions")).ToBeHiddenAsync();
        await Expect(page.Locator("#recent tbody tr")).ToHaveCountAsync(1);

        await page.Locator("#lang-button").ClickAsync();
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("Imported");
        await Expect(page.Locator("#commit-note")).ToHaveTextAsync("Imported: 70 added, 5 updated, 55 refused. 12 more were the same as stored and were left alone (no new version, no history).");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Import data");
        await Expect(page.Locator("#file-info")).ToHaveTextAsync("Format: csv · 1 KB");
        // The refusals shown are fetched again, worded in English by the server.
        await Expect(page.Locator(".refusals-table tbody tr").First).ToContainTextAsync("“pipe0” is not one of the network's values");
        await Expect(page.Locator("#refusals .pager")).ToContainTextAsync("Rows 1–50 of 55");
        Assert.Equal("en", api.RefusalLanguages[^1]);
        Assert.All(api.RefusalLanguages[..^1], l => Assert.Equal("zh", l));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(MapBrowserFixture.ScreenshotDirectory, "imports-done.png"), FullPage = true });
    }

    [Fact]
    public async Task UploadRefusedWithAFieldError_ShowsTheFieldAndItsReasonBesideTheFileInput()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.RouteAsync(new Regex(@"/api/imports(/|\?|$)"), route => route.Request.Method == "POST"
            ? route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 400, ContentType = "application/problem+json",
                Body = JsonSerializer.Serialize(new
                {
                    title = "请求无效", status = 400, detail = "file: 压缩包条目“../evil.shp”被拒绝：路径含有“..”，会跳出解压目录。",
                    errors = new Dictionary<string, string[]> { ["file"] = ["压缩包条目“../evil.shp”被拒绝：路径含有“..”，会跳出解压目录。"] },
                }),
            })
            : route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = "[]" }));
        await page.GotoAsync("/imports");
        await page.WaitForSelectorAsync("body[data-ready=true]");

        await page.Locator("#upload-button").ClickAsync();
        await Expect(page.Locator(".field-error[data-for=collection]")).ToHaveTextAsync("请选择资产类型");
        await Expect(page.Locator(".field-error[data-for=file]")).ToHaveTextAsync("请选择要导入的文件");

        await page.Locator("#collection").SelectOptionAsync("manholes");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "wells.zip", MimeType = "application/zip", Buffer = new byte[100] });
        await Expect(page.Locator("#preview-mapping")).ToContainTextAsync("Shapefile 和 GeoPackage 的字段在上传校验后显示");
        await page.Locator("#upload-button").ClickAsync();
        await Expect(page.Locator(".field-error[data-for=file]")).ToHaveTextAsync("压缩包条目“../evil.shp”被拒绝：路径含有“..”，会跳出解压目录。");
        await Expect(page.Locator("#file")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#upload-error")).ToContainTextAsync("请求无效");
        await Expect(page.Locator("#run-card")).ToBeHiddenAsync();
    }
}
