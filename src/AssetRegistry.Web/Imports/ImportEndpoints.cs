using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Imports;
using AssetRegistry.Domain.Spatial;
using AssetRegistry.Domain.Users;
using AssetRegistry.Web.Auth;
using AssetRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace AssetRegistry.Web.Imports;

/// <summary>
/// <c>/api/imports</c>: upload a file for a dry run (streamed to disk, checked in the background), read the run and
/// its refusals, commit it all-or-nothing or the valid rows only, download the refused rows, discard it. Editors
/// only (<see cref="AuthSetup.EditPolicy"/>).
/// </summary>
public static class ImportEndpoints
{
    /// <summary>Most runs listed by <c>GET /api/imports</c>.</summary>
    private const int RecentRuns = 50;

    /// <summary>Largest refusal page.</summary>
    private const int MaxRefusalPage = 1000;

    /// <summary>Largest non-file form field (mapping JSON and the like), bytes.</summary>
    private const int MaxFormField = 64 * 1024;

    public static IServiceCollection AddImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImportSettings>().Bind(configuration.GetSection("Imports"))
            .Validate(s => s.MaxUploadBytes > 0 && s.MaxVertices > 3 && s.MaxFieldLength > 0, "Imports limits must be positive.")
            // A lease of a few seconds would let any web server fail its neighbours' running imports between heartbeats.
            .Validate(s => s.WorkerLeaseSeconds >= 10, "Imports:WorkerLeaseSeconds must be at least 10.")
            .Validate(s => s.ValidatedRunHours >= 1, "Imports:ValidatedRunHours must be at least 1.")
            .Validate(s => s.WorkMemMegabytes >= 1, "Imports:WorkMemMegabytes must be at least 1.")
            .Validate(s => s.RebuildIndexesFromRows >= 0, "Imports:RebuildIndexesFromRows must be 0 (never) or more.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ImportSettings>>().Value);
        services.AddSingleton<ImportRuns>();
        services.AddSingleton<ImportPipeline>();
        services.AddSingleton<ImportQueue>();
        services.AddHostedService<ImportWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapImports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(AuthSetup.EditPolicy);
        api.MapPost("", UploadAsync).WithName("UploadImport").DisableAntiforgery()
            .WithSummary("Upload a file (multipart: file, collection, format, crs, gcj02, mapping, matchOnCode); the dry run starts in the background.");
        api.MapGet("", RecentAsync).WithName("RecentImports").WithSummary("The caller's recent import runs.");
        api.MapGet("/{id:long}", GetAsync).WithName("GetImport").WithSummary("A run: state, counts, progress, mapping, error.");
        api.MapGet("/{id:long}/refusals", RefusalsAsync).WithName("ImportRefusals").WithSummary("A page of the rows the run refuses: row, field, reason.");
        api.MapGet("/{id:long}/refusals.csv", RefusedRowsAsync).WithName("ImportRefusedRows").WithSummary("The refused rows with their original values, as CSV.");
        api.MapPost("/{id:long}/commit", CommitAsync).WithName("CommitImport").WithSummary("Import a validated run: all-or-nothing or valid-rows.");
        api.MapDelete("/{id:long}", DiscardAsync).WithName("DiscardImport").WithSummary("Discard a run: drops its staging and its file.");
        return app;
    }

    private static async Task<IResult> UploadAsync(HttpContext http, ImportSettings settings, ImportRuns runs, ImportQueue queue, TimeProvider clock, CancellationToken ct)
    {
        var chinese = ProblemTitles.PrefersChinese(http.Request);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = settings.MaxUploadBytes;
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            throw new UnsupportedMediaTypeException(http.Request.ContentType);

        var form = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? fileName = null, path = null;
        var reader = new MultipartReader(boundary, http.Request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition() && name == "file")
                {
                    if (path is not null) throw Invalid("file", "Send one file per import.", "每次导入只能上传一个文件。");
                    fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "upload");
                    path = Path.Combine(settings.ResolveDirectory(), Guid.NewGuid().ToString("N") + Path.GetExtension(fileName).ToLowerInvariant());
                    await CopyBoundedAsync(section.Body, path, settings.MaxUploadBytes, ct);
                }
                else
                {
                    using var text = new StreamReader(section.Body);
                    var buffer = new char[MaxFormField + 1];
                    var n = await text.ReadBlockAsync(buffer, ct);
                    if (n > MaxFormField) throw Invalid(name, "The field is too long.", "字段过长。");
                    form[name] = new string(buffer, 0, n);
                }
            }
            if (path is null || fileName is null) throw Invalid("file", "Send the file to import in the form field 'file'.", "请在表单字段 file 中上传要导入的文件。");
            var request = ParseRequest(form, fileName);
            var user = User(http);
            var id = await runs.CreateAsync(request.Kind.CollectionId, request.Format, fileName, path, request.Crs, request.Gcj02, request.MatchOnCode,
                request.Mapping, user, clock.GetUtcNow(), ct);
            await queue.EnqueueAsync(new ImportWork(id, Commit: false, user), ct);
            var run = (await runs.FindAsync(id, ct))!;
            http.Response.Headers.Location = $"/api/imports/{id}";
            return TypedResults.Json(View(http, run), ApiJson.Options, statusCode: 202);
        }
        catch
        {
            if (path is not null && File.Exists(path)) File.Delete(path);
            throw;
        }
    }

    private sealed record UploadRequest(AssetKind Kind, string Format, string? Crs, bool Gcj02, bool MatchOnCode, IReadOnlyDictionary<string, string>? Mapping);

    private static UploadRequest ParseRequest(Dictionary<string, string> form, string fileName)
    {
        var errors = new ValidationErrors();
        var collection = form.GetValueOrDefault("collection") ?? "";
        var kind = AssetKinds.Find(collection);
        if (kind is null)
            errors.Add("collection", new LocalizedText($"Unknown collection '{collection}'; expected one of {string.Join(", ", AssetKinds.All.Select(k => k.CollectionId))}.",
                $"未知的图层“{collection}”。"));
        else if (kind.ImportRules is null)
            errors.Add("collection", new LocalizedText($"{kind.CollectionId} cannot be imported: its write rules have no set-based form.", $"{kind.TitleZh}不支持导入。"));
        var format = string.IsNullOrWhiteSpace(form.GetValueOrDefault("format")) ? FeatureSources.FormatOf(fileName) : form["format"].Trim().ToLowerInvariant();
        if (format is null || !FeatureSources.Formats.Contains(format))
            errors.Add("format", new LocalizedText($"Cannot tell the format of '{fileName}'; send format (csv, geojson, shapefile or geopackage) or use .csv, .geojson, .zip or .gpkg.",
                $"无法判断“{fileName}”的格式；请指定 format（csv、geojson、shapefile 或 geopackage），或使用 .csv、.geojson、.zip、.gpkg 文件。"));
        string? crs = null;
        if (!string.IsNullOrWhiteSpace(form.GetValueOrDefault("crs")))
        {
            var found = SupportedCrs.Find(form["crs"]);
            if (found is null)
                errors.Add("crs", new LocalizedText($"Unsupported CRS '{form["crs"]}'; use EPSG:4326, 4490, 4547, 4548 or 4549.", $"不支持坐标系“{form["crs"]}”；请使用 EPSG:4326、4490、4547、4548 或 4549。"));
            else crs = "EPSG:" + found.Srid.ToString(CultureInfo.InvariantCulture);
        }
        var gcj02 = Flag(form, "gcj02", errors);
        if (gcj02 && SupportedCrs.Find(crs)?.Projected == true)
            errors.Add("gcj02", new LocalizedText("GCJ-02 conversion applies to longitude/latitude, not to projected coordinates.", "GCJ-02 转换只适用于经纬度，不适用于投影坐标。"));
        var matchOnCode = Flag(form, "matchOnCode", errors);
        Dictionary<string, string>? mapping = null;
        if (!string.IsNullOrWhiteSpace(form.GetValueOrDefault("mapping")))
        {
            try
            {
                mapping = JsonSerializer.Deserialize<Dictionary<string, string>>(form["mapping"]);
            }
            catch (JsonException)
            {
                errors.Add("mapping", new LocalizedText("The mapping must be a JSON object of source field → attribute name.", "mapping 须为“源字段 → 属性名”的 JSON 对象。"));
            }
        }
        errors.ThrowIfAny();
        FieldMapping.Create(kind!, mapping); // refuses unknown or derived targets now rather than in the background
        return new UploadRequest(kind!, format!, crs, gcj02, matchOnCode, mapping);
    }

    private static bool Flag(Dictionary<string, string> form, string name, ValidationErrors errors)
    {
        if (!form.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text)) return false;
        if (bool.TryParse(text.Trim(), out var b)) return b;
        errors.Add(name, new LocalizedText($"{name} must be true or false.", $"{name} 须为 true 或 false。"));
        return false;
    }

    private static async Task CopyBoundedAsync(Stream body, string path, long max, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        var buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += n;
            if (total > max) throw new PayloadTooLargeException(max);
            await file.WriteAsync(buffer.AsMemory(0, n), ct);
        }
    }

    private static async Task<IResult> RecentAsync(HttpContext http, ImportRuns runs, CancellationToken ct)
    {
        var list = await runs.RecentAsync(User(http), RecentRuns, ct);
        return TypedResults.Json(list.Select(r => View(http, r)), ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(HttpContext http, long id, ImportRuns runs, CancellationToken ct) =>
        TypedResults.Json(View(http, await FindAsync(http, runs, id, ct)), ApiJson.Options);

    private static async Task<IResult> RefusalsAsync(HttpContext http, long id, ImportRuns runs, long? offset, int? limit, CancellationToken ct)
    {
        var chinese = ProblemTitles.PrefersChinese(http.Request);
        await FindAsync(http, runs, id, ct);
        var (total, items) = await runs.RefusalsAsync(id, Math.Max(0, offset ?? 0), Math.Clamp(limit ?? 100, 1, MaxRefusalPage), ct);
        return TypedResults.Json(new { total, items = items.Select(r => new { row = r.Row, field = r.Field, reason = r.Reason.In(chinese) }) }, ApiJson.Options);
    }

    private static async Task RefusedRowsAsync(HttpContext http, long id, ImportRuns runs, ImportPipeline pipeline, CancellationToken ct)
    {
        var run = await FindAsync(http, runs, id, ct);
        if (run.Status is not (ImportStatus.Validated or ImportStatus.Importing or ImportStatus.Done))
            throw new ConflictException("status", ProblemTitles.PrefersChinese(http.Request)
                ? "只有已完成试运行的导入才有被拒绝行文件。"
                : "The refused rows are available once the dry run is done.");
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"import-{id}-refused.csv\"";
        await pipeline.WriteRefusedRowsAsync(run, http.Response.Body, ProblemTitles.PrefersChinese(http.Request), ct);
    }

    private sealed record CommitRequest(string? Mode);

    private static async Task<IResult> CommitAsync(HttpContext http, long id, CommitRequest? body, ImportRuns runs, ImportQueue queue, CancellationToken ct)
    {
        var chinese = ProblemTitles.PrefersChinese(http.Request);
        var mode = body?.Mode ?? CommitMode.AllOrNothing;
        if (!CommitMode.All.Contains(mode))
            throw Invalid("mode", $"mode must be {CommitMode.AllOrNothing} or {CommitMode.ValidRows}.", $"mode 须为 {CommitMode.AllOrNothing} 或 {CommitMode.ValidRows}。");
        var run = await FindAsync(http, runs, id, ct);
        if (run.Status != ImportStatus.Validated) throw NotCommittable(run, chinese);
        if (mode == CommitMode.AllOrNothing && run.RowsRefused > 0)
            throw new ConflictException("mode", chinese
                ? $"试运行拒绝了 {run.RowsRefused} 行；全部导入或全不导入时不能提交。请修正文件，或选择只导入有效行（valid-rows）。"
                : $"The dry run refused {run.RowsRefused} rows; an all-or-nothing import cannot go ahead. Fix the file, or choose to import the valid rows (valid-rows).");
        // Another request committed or discarded it, or the sweep expired it, since it was read: say which.
        if (!await runs.TransitionAsync(id, [ImportStatus.Validated], ImportStatus.Importing, mode, ct))
            throw NotCommittable(await runs.FindAsync(id, ct) ?? run with { Status = ImportStatus.Discarded }, chinese);
        await queue.EnqueueAsync(new ImportWork(id, Commit: true, User(http)), ct);
        return TypedResults.Json(View(http, (await runs.FindAsync(id, ct))!), ApiJson.Options, statusCode: 202);
    }

    /// <summary>Why a run that is not (or no longer) validated cannot be committed, in the words of its state.</summary>
    private static ConflictException NotCommittable(ImportRun run, bool chinese) => new("status", run.Status switch
    {
        ImportStatus.Validating => chinese ? "试运行尚未结束，请在其完成后再提交。" : "The dry run is still running; commit once it is done.",
        ImportStatus.Importing => chinese ? "此导入已提交，正在写入。" : "The run has already been committed and is being written.",
        ImportStatus.Done => chinese ? "此导入已完成，不能再次提交。" : "The run has already been imported.",
        ImportStatus.Discarded => chinese ? "此导入已被放弃，不能提交。如需导入，请重新上传文件。" : "The run was discarded; upload the file again to import it.",
        ImportStatus.Expired => (chinese ? "此试运行已过期，不能提交。" : "The dry run has expired and cannot be committed. ")
            + (run.Error ?? ImportRuns.ExpiredReason(ImportSettings.DefaultValidatedRunHours)).In(chinese),
        _ => chinese ? "此导入已失败，不能提交。如需导入，请重新上传文件。" : "The run failed and cannot be committed; upload the file again to import it.",
    });

    private static async Task<IResult> DiscardAsync(HttpContext http, long id, ImportRuns runs, ImportPipeline pipeline, CancellationToken ct)
    {
        var run = await FindAsync(http, runs, id, ct);
        if (run.Status is ImportStatus.Validating or ImportStatus.Importing)
            throw new ConflictException("status", ProblemTitles.PrefersChinese(http.Request) ? "运行中的导入不能丢弃，请等待其结束。" : "A run cannot be discarded while it is running; wait until it ends.");
        await pipeline.DiscardAsync(run, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The run, for the editor who uploaded it or an administrator; anyone else is told there is no such
    /// run, as for one that does not exist (an upload may hold data not yet meant for every editor).</summary>
    private static async Task<ImportRun> FindAsync(HttpContext http, ImportRuns runs, long id, CancellationToken ct)
    {
        var run = await runs.FindAsync(id, ct);
        if (run is null || (run.CreatedBy != User(http) && !http.User.IsInRole(Roles.Admin)))
            throw new NotFoundException($"There is no import {id}.");
        return run;
    }

    /// <summary>The run as the API shows it (the contract the imports page is written against); a validated run
    /// says until when it is kept (<c>expiresAt</c>, <see cref="ImportSettings.ValidatedRunHours"/>).</summary>
    private static object View(HttpContext http, ImportRun r)
    {
        var chinese = ProblemTitles.PrefersChinese(http.Request);
        var keep = TimeSpan.FromHours(http.RequestServices.GetRequiredService<ImportSettings>().ValidatedRunHours);
        return new
        {
            id = r.Id, collection = r.Collection, format = r.Format, fileName = r.FileName, status = r.Status,
            rowsRead = r.RowsRead, rowsValid = r.RowsValid, rowsRefused = r.RowsRefused, rowsInserted = r.RowsInserted, rowsUpdated = r.RowsUpdated, rowsUnchanged = r.RowsUnchanged,
            progress = Math.Round(r.Progress, 3), sourceFields = r.SourceFields, mapping = r.Mapping, crs = r.Crs ?? r.DeclaredCrs,
            gcj02 = r.Gcj02, matchOnCode = r.MatchOnCode, commitMode = r.CommitMode,
            error = r.Error?.In(chinese), createdBy = r.CreatedBy, createdAt = r.CreatedAt, finishedAt = r.FinishedAt, expiresAt = r.ExpiresAt(keep),
        };
    }

    private static AssetValidationException Invalid(string field, string en, string zh)
    {
        var errors = new ValidationErrors();
        errors.Add(field, new LocalizedText(en, zh));
        return new AssetValidationException(errors);
    }

    private static string User(HttpContext http) => http.User.FindFirstValue(ClaimTypes.Name) ?? http.User.Identity?.Name ?? "unknown";
}
