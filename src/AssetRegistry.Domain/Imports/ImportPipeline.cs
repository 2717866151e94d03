using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Spatial;
using AssetRegistry.Domain.Tiles;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// The import of one file into one kind, in two steps a person sees. The dry run (<see cref="ValidateAsync"/>)
/// streams the file row by row, converts each field with the API's rules, writes the rows to an unlogged staging
/// table by binary COPY (refusals found on the way go to <c>import_refusals</c> by a second COPY), then checks
/// the rest set-based in SQL: CRS transform, validity, service area and district, duplicate and existing codes,
/// references, required values and the kind's own rules. The commit (<see cref="CommitAsync"/>) is one
/// transaction: new rows, updated rows, their history and the tile version, or nothing. Memory stays flat: no
/// step holds more than one row, and refusals live in the database.
/// </summary>
public sealed class ImportPipeline(NpgsqlDataSource dataSource, ImportSettings settings, RegistryRules rules, TimeProvider clock)
{
    private readonly ImportRuns _runs = new(dataSource);

    /// <summary>Receives each phase's name and duration (the import benchmark prints them); null: silent.</summary>
    public Action<string, TimeSpan>? Trace { get; init; }

    /// <summary>Share of the dry run's progress spent reading the file; the SQL checks take the rest.</summary>
    private const double ReadShare = 0.7;

    /// <summary>Metres in a degree at most (of longitude at the equator, 111,320 m): a tolerance in metres divided
    /// by it is a tolerance in degrees of WGS 84 that is never longer than the metres it stands for.</summary>
    private const double MetresPerDegreeAtMost = 111_320;

    /// <summary>How often progress is written while reading.</summary>
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>The options a run was created with.</summary>
    public ImportOptions OptionsOf(ImportRun run) => new()
    {
        DeclaredSrid = SupportedCrs.Find(run.DeclaredCrs)?.Srid,
        Gcj02 = run.Gcj02,
        Mapping = run.Mapping.Count == 0 ? null : run.Mapping,
        MatchOnCode = run.MatchOnCode,
        MaxVertices = settings.MaxVertices,
        MaxFieldLength = settings.MaxFieldLength,
        Zip = settings.Zip,
        TempRoot = settings.ResolveDirectory(),
    };

    /// <summary>
    /// The dry run of <paramref name="runId"/> (state <c>validating</c>): ends <c>validated</c> with its counts and
    /// refusals, or <c>failed</c> with a bilingual reason when the file cannot be read. Nothing in the registry
    /// changes.
    /// </summary>
    public async Task ValidateAsync(long runId, CancellationToken ct)
    {
        var run = await _runs.FindAsync(runId, ct) ?? throw new NotFoundException($"There is no import {runId}.");
        if (run.Status != ImportStatus.Validating) return;
        try
        {
            await StageAndCheckAsync(run, ct);
            DeleteFile(run); // staging and the stored refused rows hold all the commit and the refused-rows file need
        }
        catch (Exception e) when (e is ImportFileException or AssetValidationException)
        {
            await DropStagingAsync(runId, CancellationToken.None);
            await _runs.FailAsync(runId, e is ImportFileException f ? f.Text : Describe((AssetValidationException)e), CancellationToken.None);
            DeleteFile(run); // an unreadable file has no refused rows to give back
        }
    }

    private async Task StageAndCheckAsync(ImportRun run, CancellationToken ct)
    {
        var kind = AssetKinds.Find(run.Collection) ?? throw new NotFoundException($"There is no collection {run.Collection}.");
        var options = OptionsOf(run);
        var mapping = FieldMapping.Create(kind, options.Mapping);
        var writable = ImportSql.Writable(kind);
        var column = writable.Select((a, i) => (a, i)).ToDictionary(p => p.a, p => p.i);
        var present = new HashSet<AttributeDefinition>();
        var givenFrom = new Dictionary<AttributeDefinition, long>(); // each attribute's first row in the file
        var codeColumn = kind.FindAttribute("code") is { } codeAttribute && column.TryGetValue(codeAttribute, out var ci) ? ci : -1;
        CodeSightings? sightings = null; // made with the first code read
        var setUp = Stopwatch.StartNew();

        await using var source = await FeatureSources.OpenAsync(run.Format, run.FilePath, options, ct);
        var srid = options.DeclaredSrid ?? source.FileSrid ?? (run.Format is "csv" or "geojson" ? 4326 : throw new ImportFileException(new LocalizedText(
            "The file does not say its coordinate reference system; declare it (crs).", "文件未说明坐标系，请声明坐标系（crs）。")));
        var crs = SupportedCrs.All.First(c => c.Srid == srid && c.Uri.Contains("/EPSG/", StringComparison.Ordinal));
        if (options.Gcj02 && crs.Projected)
            throw new ImportFileException(new LocalizedText("GCJ-02 conversion applies to longitude/latitude, not to projected coordinates.",
                "GCJ-02 转换只适用于经纬度，不适用于投影坐标。"));
        var wgs84 = srid == 4326;
        var bounds = Bounds(crs);
        var locator = wgs84 && kind.GeometryTypes.All(t => t == "Point") ? await DistrictLocator.LoadAsync(dataSource, ct) : null;

        await using (var ddl = dataSource.CreateCommand(ImportSql.CreateStaging(kind, run.Id)))
            await ddl.ExecuteNonQueryAsync(ct);
        await ClearRefusalsAsync(run.Id, ct);
        Trace?.Invoke("open the file, load the districts, create staging", setUp.Elapsed);

        long rows = 0, refusedWhileReading = 0, firstRow = 0;
        var someRowLacks = false;
        await using (var stagingConn = await dataSource.OpenConnectionAsync(ct))
        await using (var refusalConn = await dataSource.OpenConnectionAsync(ct))
        {
            await using var staging = await stagingConn.BeginRawBinaryCopyAsync(ImportSql.CopyStaging(kind, run.Id, wgs84), ct);
            await using var refusals = await refusalConn.BeginBinaryImportAsync(ImportSql.CopyRefusals, ct);
            var watch = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            await using var writer = new StagingWriter(staging, writable, ct);
            // Each field's attribute and staging column, by its place in the row: rows of a file name the same
            // fields in the same order, so this resolves a field once per file, not once per row.
            var slots = new List<(string Field, AttributeDefinition? Attribute, int Column)>();
            var seen = new bool[writable.Count];
            var givenSoFar = 0L;
            await foreach (var row in source.ReadAsync(ct))
            {
                if (rows++ == 0) firstRow = row.Number;
                var values = new object?[writable.Count];
                var refused = false;
                var place = 0;
                var given = 0L;
                foreach (var (field, raw) in row.Fields)
                {
                    if (place == slots.Count || !string.Equals(slots[place].Field, field, StringComparison.Ordinal))
                    {
                        var resolved = mapping.Resolve(field);
                        var slot = (field, resolved, resolved is null ? -1 : column[resolved]);
                        if (place == slots.Count) slots.Add(slot); else slots[place] = slot;
                    }
                    var (_, a, at) = slots[place++];
                    if (a is null) continue;
                    given |= 1L << at;
                    if (!seen[at])
                    {
                        seen[at] = true;
                        present.Add(a);
                        givenFrom.Add(a, row.Number);
                    }
                    var (value, problem) = SourceValues.Convert(a, raw);
                    if (problem is null) values[at] = value;
                    else
                    {
                        refused = true;
                        await WriteRefusalAsync(refusals, run.Id, row.Number, a.Name,
                            field == a.Name ? problem : new LocalizedText($"{problem.En} (source field {field})", $"{problem.Zh}（源字段 {field}）"), ct);
                    }
                }
                var geometry = SinglePartWhereExpected(row.Geometry, kind);
                var geometryProblem = geometry is null ? DescribeGeometryProblem(row.GeometryProblem) : CheckSource(geometry, kind, bounds, options.MaxVertices);
                if (geometryProblem is null && options.Gcj02) geometry = ToWgs84(geometry!);
                string? district = null;
                if (geometryProblem is null && locator is not null)
                    geometryProblem = LocatePoint((Point)geometry!, locator, out district);
                if (geometryProblem is not null)
                {
                    refused = true;
                    geometry = null;
                    await WriteRefusalAsync(refusals, run.Id, row.Number, "geometry", geometryProblem, ct);
                }
                else geometry!.SRID = srid;
                if (refused) refusedWhileReading++;

                var codeSeen = codeColumn >= 0 && values[codeColumn] is string code && (sightings ??= new CodeSightings()).Add(code);
                // A row that lacks an attribute an earlier row gave (a GeoJSON feature without one of the
                // properties): staged with the attributes it gives, so that a matched asset keeps the others.
                long? lacking = null;
                if (given != givenSoFar)
                {
                    givenSoFar |= given;
                    if (given != givenSoFar) lacking = given;
                }
                someRowLacks |= lacking is not null;
                await writer.AddAsync(new StagedRow(row.Number, geometry, refused, district, codeSeen, lacking, values));
                if (watch.Elapsed - lastReport > ReportEvery)
                {
                    lastReport = watch.Elapsed;
                    var fraction = source is IReadProgress p ? p.Fraction : 0;
                    await _runs.ReportAsync(run.Id, ReadShare * fraction, rows, ct);
                }
            }
            await writer.CompleteAsync();
            await staging.DisposeAsync(); // ends the COPY; the server's errors surface here
            await refusals.CompleteAsync(ct);
            Trace?.Invoke("read + COPY to staging", watch.Elapsed);
        }

        var givenRows = new GivenAttributes(writable, givenFrom, firstRow, someRowLacks);
        var described = mapping.Describe(source.FieldNames); // source field → attribute, as the run will store it
        var steps = new List<(string Sql, object[] Args)>
        {
            (ImportSql.AnalyzeStaging(run.Id), []),
        };
        if (locator is null)
        {
            // Lines, polygons and projected sources: PostGIS transforms, validates and finds the districts. Points
            // in WGS 84 had all of it done while reading (see LocatePoint).
            if (!wgs84) steps.Add((ImportSql.Transform(run.Id), []));
            steps.Add((ImportSql.GeometryRefusals(run.Id), [run.Id, ImportSql.EmptyGeometry.En, ImportSql.EmptyGeometry.Zh]));
            steps.Add((ImportSql.DropRefusedGeometries(run.Id), [run.Id]));
            steps.Add((ImportSql.DistrictTable(run.Id), []));
            steps.Add((ImportSql.OutsideRefusals(run.Id), [run.Id, ImportSql.OutsideServiceArea.En, ImportSql.OutsideServiceArea.Zh]));
        }
        if (present.Any(a => a.Name == "code"))
        {
            steps.Add((ImportSql.DuplicateCodeRefusals(run.Id), [run.Id]));
            if (options.MatchOnCode)
            {
                // The attributes the commit's update will set, from the mapping as the run will store it.
                var mapped = ImportSql.Mapped(kind, described.Values);
                steps.Add((ImportSql.MatchOnCode(kind, run.Id, mapped, givenRows, districtsStaged: locator is not null),
                    [rules.SameGeometryToleranceMetres / MetresPerDegreeAtMost]));
                // Staging was analysed before any target was found: without this the commit's update plans for no
                // matched row and joins a million of them by nested loops (a third of its time).
                steps.Add((ImportSql.AnalyzeStaging(run.Id), []));
            }
            else steps.Add((ImportSql.ExistingCodeRefusals(kind, run.Id), [run.Id]));
        }
        var defaults = kind.NewEntity();
        var defaultLacking = new List<(AttributeDefinition Attribute, string Given)>();
        foreach (var a in writable)
            if (present.Contains(a) && !a.Required && a.Name != "code" && a.GetValue(defaults) is not null && givenRows.Sql(a) is { } g)
                defaultLacking.Add((a, g));
        if (defaultLacking.Count > 0)
            steps.Add((ImportSql.DefaultLacking(run.Id, defaultLacking), defaultLacking.Select(d => d.Attribute.GetValue(defaults)!).ToArray()));
        foreach (var a in writable.Where(a => a.Type == AttributeType.Reference && present.Contains(a)))
            steps.Add((ImportSql.ReferenceRefusals(a, run.Id), [run.Id]));
        foreach (var a in writable.Where(a => a.Required && present.Contains(a) && a.Name != "code"))
            if (givenRows.Sql(a) is { } g)
            {
                var field = described.First(m => m.Value == a.Name).Key;
                steps.Add((ImportSql.LackingRequiredRefusals(a, run.Id, g), [run.Id,
                    $"{a.Name} is required; this feature has no \"{field}\" property.", $"{a.TitleZh}为必填项，该要素没有“{field}”属性。"]));
            }
        foreach (var a in writable.Where(a => present.Contains(a) && (a.Required || !Features.FeatureBody.IsNullable(a)) && a.Name != "code"))
        {
            var reason = AttributeChecks.Required(a);
            steps.Add((ImportSql.NullRefusals(a, run.Id), [run.Id, reason.En, reason.Zh]));
        }
        foreach (var a in writable.Where(a => a.Required && !present.Contains(a)))
            steps.Add((ImportSql.MissingRequiredRefusals(a, run.Id), [run.Id, $"{a.Name} is required; the file has no field for it.", $"{a.TitleZh}为必填项，文件中没有对应字段。"]));
        foreach (var check in kind.ImportRules!.Checks)
            steps.Add((ImportSql.KindCheckRefusals(check, run.Id), [run.Id, rules.SewerEndToleranceMetres]));
        var marking = steps.Count;
        steps.Add((ImportSql.MarkRefused(run.Id), [run.Id]));

        var refusedInSql = 0;
        await using (var checkConn = await dataSource.OpenConnectionAsync(ct))
        await using (var checks = await checkConn.BeginTransactionAsync(ct))
        {
            await ExecuteAsync(checkConn, ImportSql.SetWorkMem(settings.WorkMemMegabytes), ct);
            for (var i = 0; i < steps.Count; i++)
            {
                var stepWatch = Stopwatch.StartNew();
                var affected = await ExecuteAsync(checkConn, steps[i].Sql, ct, steps[i].Args);
                if (i == marking) refusedInSql = affected;
                Trace?.Invoke(steps[i].Sql.Split('\n')[0].Trim(), stepWatch.Elapsed);
                await _runs.ReportAsync(run.Id, ReadShare + (1 - ReadShare) * (i + 1) / steps.Count, rows, ct);
            }
            await checks.CommitAsync(ct);
        }
        var ending = Stopwatch.StartNew();
        // The rows refused while reading were staged flagged; MarkRefused flagged those the checks refused.
        var refusedRows = refusedWhileReading + refusedInSql;
        long unchangedRows = 0;
        if (options.MatchOnCode)
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            (_, _, unchangedRows) = await CountToWriteAsync(conn, run.Id, ct);
        }
        var fields = source.FieldNames.ToList();
        if (refusedRows > 0) await StoreRefusedRowsAsync(run, options, fields, ct);
        await using var done = dataSource.CreateCommand("""
            update import_runs set status = 'validated', progress = 1, rows_read = $2, rows_refused = $3,
                source_fields = $4, mapping = $5::jsonb, crs = $6, heartbeat_at = now(), rows_unchanged = $7
            where id = $1 and status = 'validating'
            """);
        done.Parameters.Add(new NpgsqlParameter { Value = run.Id });
        done.Parameters.Add(new NpgsqlParameter { Value = rows });
        done.Parameters.Add(new NpgsqlParameter { Value = refusedRows });
        done.Parameters.Add(new NpgsqlParameter { Value = fields.ToArray() });
        done.Parameters.Add(new NpgsqlParameter { Value = System.Text.Json.JsonSerializer.Serialize(described) });
        done.Parameters.Add(new NpgsqlParameter { Value = "EPSG:" + srid.ToString(CultureInfo.InvariantCulture) });
        done.Parameters.Add(new NpgsqlParameter { Value = unchangedRows });
        if (await done.ExecuteNonQueryAsync(ct) == 0) await DropStagingAsync(run.Id, ct); // discarded meanwhile
        Trace?.Invoke("count and store the refused rows, mark validated", ending.Elapsed);
    }

    /// <summary>
    /// Commits a validated run whose state the caller has moved to <c>importing</c>: in one transaction inserts
    /// the new rows, updates the matched ones (refused when any changed since the dry run), writes their history
    /// and bumps the collection's tile version, then marks the run done. On any failure the transaction rolls
    /// back and the run is marked failed with the reason.
    /// </summary>
    public async Task CommitAsync(long runId, string user, CancellationToken ct)
    {
        var run = await _runs.FindAsync(runId, ct) ?? throw new NotFoundException($"There is no import {runId}.");
        if (run.Status != ImportStatus.Importing) return;
        var kind = AssetKinds.Find(run.Collection)!;
        try
        {
            if (run.CommitMode == CommitMode.AllOrNothing && run.RowsRefused > 0)
                throw new ImportFileException(new LocalizedText($"{run.RowsRefused} rows would be refused; nothing was imported.",
                    $"有 {run.RowsRefused} 行将被拒绝，未导入任何内容。"));
            var present = ImportSql.Mapped(kind, run.Mapping.Values);
            var defaults = kind.NewEntity();
            var defaulted = ImportSql.Writable(kind).Where(a => !present.Contains(a) && a.GetValue(defaults) is not null && a.Name != "code").ToList();
            var now = clock.GetUtcNow();

            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            await ExecuteAsync(conn, ImportSql.SetWorkMem(settings.WorkMemMegabytes), ct);
            var (expectedUpdates, expectedInserts, unchanged) = await CountToWriteAsync(conn, run.Id, ct);
            if (unchanged > 0 && await ScalarAsync<long>(conn, ImportSql.StaleUnchanged(kind, run.Id), ct) > 0) throw ChangedSinceDryRun();
            var districtsStaged = await ScalarAsync<bool>(conn, ImportSql.DistrictsStaged(run.Id), ct);
            var rebuild = await RebuildIndexesAsync(conn, kind, expectedInserts, ct);
            await _runs.ReportAsync(run.Id, 0.1, null, ct);

            var phase = Stopwatch.StartNew();
            var inserted = expectedInserts == 0 ? 0
                : await CopyNewRowsAsync(conn, kind, run.Id, present, defaulted.Select(a => (a, a.GetValue(defaults)!)).ToList(), districtsStaged, user, now, ct);
            if (inserted != expectedInserts) throw ChangedSinceDryRun();
            await using (var history = new NpgsqlCommand(ImportSql.InsertHistory(run.Id), conn, tx))
            {
                history.CommandTimeout = 0;
                history.Parameters.Add(new NpgsqlParameter { Value = kind.CollectionId });
                history.Parameters.Add(new NpgsqlParameter { Value = user });
                history.Parameters.Add(new NpgsqlParameter { Value = now });
                await history.ExecuteNonQueryAsync(ct);
            }
            Trace?.Invoke("insert new rows + history", phase.Elapsed);
            if (rebuild.Count > 0)
            {
                phase.Restart();
                foreach (var (_, make) in rebuild)
                {
                    var one = Stopwatch.StartNew();
                    await ExecuteAsync(conn, make, ct);
                    Trace?.Invoke("    " + make, one.Elapsed);
                }
                Trace?.Invoke($"rebuild {rebuild.Count} indexes and keys", phase.Elapsed);
            }
            await _runs.ReportAsync(run.Id, 0.6, null, ct);

            long updated = 0;
            if (expectedUpdates > 0)
            {
                await using var update = new NpgsqlCommand(ImportSql.Update(kind, run.Id, present, districtsStaged), conn, tx);
                update.CommandTimeout = 0;
                update.Parameters.Add(new NpgsqlParameter { Value = run.Id });
                update.Parameters.Add(new NpgsqlParameter { Value = kind.CollectionId });
                update.Parameters.Add(new NpgsqlParameter { Value = user });
                update.Parameters.Add(new NpgsqlParameter { Value = now });
                phase.Restart();
                updated = await update.ExecuteNonQueryAsync(ct);
                Trace?.Invoke("update matched rows + history", phase.Elapsed);
                if (updated != expectedUpdates) throw ChangedSinceDryRun();
            }
            // A re-import that changed nothing leaves the map's cached tiles valid.
            if (inserted + updated > 0) await CollectionVersions.BumpAsync(conn, [kind.CollectionId], ct);
            phase.Restart();
            await using (var finish = new NpgsqlCommand("""
                update import_runs set status = 'done', progress = 1, rows_inserted = $2, rows_updated = $3, finished_at = now()
                where id = $1 and status = 'importing'
                """, conn, tx))
            {
                finish.Parameters.Add(new NpgsqlParameter { Value = run.Id });
                finish.Parameters.Add(new NpgsqlParameter { Value = (long)inserted });
                finish.Parameters.Add(new NpgsqlParameter { Value = updated });
                // Failed meanwhile (its process was taken for gone) or discarded: the run says nothing was written,
                // so nothing may be.
                if (await finish.ExecuteNonQueryAsync(ct) == 0)
                    throw new ImportFileException(new LocalizedText("The run was stopped during the commit; nothing was written. Upload the file again.",
                        "提交期间导入被停止，未写入任何内容。请重新上传文件。"));
            }
            await tx.CommitAsync(ct);
            Trace?.Invoke("commit", phase.Elapsed);
            await DropStagingAsync(run.Id, CancellationToken.None);
            DeleteFile(run); // gone since the dry run, unless it was validated before the refused rows were stored
        }
        catch (ImportFileException e)
        {
            await _runs.FailAsync(run.Id, e.Text, CancellationToken.None);
            await DropStagingAsync(run.Id, CancellationToken.None);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation)
        {
            await _runs.FailAsync(run.Id, new LocalizedText(
                "The registry changed since the dry run (a code is now taken, or a referenced feature is gone); nothing was imported. Upload the file again.",
                "自试运行以来登记数据有变化（编码已被占用或引用的要素已删除），未导入任何内容。请重新上传文件。"), CancellationToken.None);
            await DropStagingAsync(run.Id, CancellationToken.None);
        }
    }

    /// <summary>
    /// The checks PostGIS would make of a WGS 84 point, made while reading, and its district: a point that passed
    /// <see cref="CheckSource"/> has finite coordinates within longitude/latitude, so it is valid unless empty; its
    /// district is the one <see cref="DistrictLocator"/> finds (the SQL rule), and none means outside the service
    /// area. Saves a GiST index and a join over every staged row.
    /// </summary>
    private static LocalizedText? LocatePoint(Point point, DistrictLocator locator, out string? district)
    {
        district = null;
        if (point.IsEmpty) return ImportSql.EmptyGeometry;
        district = locator.DistrictOf(point.X, point.Y);
        return district is null ? ImportSql.OutsideServiceArea : null;
    }

    private static ImportFileException ChangedSinceDryRun() => new(new LocalizedText(
        "Features the file matches were changed or deleted since the dry run, or the districts changed; nothing was imported. Upload the file again.",
        "自试运行以来，文件匹配的要素已被修改或删除，或行政区有变化；未导入任何内容。请重新上传文件。"));

    /// <summary>Throws the run away: drops its staging, its refusals and the uploaded file. A done run stays done.</summary>
    public async Task DiscardAsync(ImportRun run, CancellationToken ct)
    {
        await DropStagingAsync(run.Id, ct);
        await ClearRefusalsAsync(run.Id, ct);
        if (run.Status != ImportStatus.Done) await _runs.TransitionAsync(run.Id, [run.Status], ImportStatus.Discarded, null, ct);
        DeleteFile(run);
    }

    private static void DeleteFile(ImportRun run)
    {
        if (File.Exists(run.FilePath)) File.Delete(run.FilePath);
    }

    /// <summary>Fails the runs whose web process has gone quiet for the lease
    /// (<see cref="ImportSettings.WorkerLeaseSeconds"/>) and drops their staging (see
    /// <see cref="ImportRuns.FailAbandonedAsync"/>); returns how many.</summary>
    public async Task<int> RecoverAbandonedAsync(CancellationToken ct) =>
        (await _runs.FailAbandonedAsync(TimeSpan.FromSeconds(settings.WorkerLeaseSeconds), ImportSql.DropStaging, ct)).Count;

    /// <summary>Expires the validated runs kept longer than <see cref="ImportSettings.ValidatedRunHours"/>, dropping
    /// their staging and refusals (see <see cref="ImportRuns.ExpireValidatedAsync"/>); returns how many.</summary>
    public async Task<int> ExpireValidatedAsync(CancellationToken ct) =>
        (await _runs.ExpireValidatedAsync(TimeSpan.FromHours(settings.ValidatedRunHours), ImportSql.DropStaging, ct)).Count;

    /// <summary>
    /// Writes the refused rows as CSV (UTF-8 with BOM, for spreadsheet programs): <c>row, field, reason</c> in the
    /// chosen language, then the row's original fields and its geometry as read (<c>wkt</c>, source coordinates), one
    /// line per refusal. The file is read again alongside the refusals in row order, so nothing is held.
    /// </summary>
    public async Task WriteRefusedRowsAsync(ImportRun run, Stream output, bool chinese, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        var fields = run.SourceFields;
        await writer.WriteLineAsync(string.Join(",", new[] { "row", "field", "reason" }.Concat(fields).Append("wkt").Select(Csv)));
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(ImportSql.RefusalsInOrder, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = run.Id });
        await using var refusals = await cmd.ExecuteReaderAsync(ct);
        while (await refusals.ReadAsync(ct))
        {
            var values = refusals.IsDBNull(4) ? [] : refusals.GetFieldValue<string[]>(4);
            var line = new[] { refusals.GetInt64(0).ToString(CultureInfo.InvariantCulture), refusals.GetString(1), refusals.GetString(chinese ? 3 : 2) }
                .Concat(fields.Select((_, i) => i < values.Length ? values[i] : ""))
                .Append(refusals.IsDBNull(5) ? "" : refusals.GetString(5));
            await writer.WriteLineAsync(string.Join(",", line.Select(Csv)));
        }
    }

    /// <summary>
    /// Keeps the source values (as text, in <paramref name="fields"/> order) and the geometry (WKT) of every refused
    /// row in <c>import_refused_rows</c>, read again from the upload in one pass, so that the refused-rows file needs
    /// neither the upload nor the web server that took it; the upload is deleted once the run is validated.
    /// </summary>
    private async Task StoreRefusedRowsAsync(ImportRun run, ImportOptions options, IReadOnlyList<string> fields, CancellationToken ct)
    {
        var refused = new List<long>();
        await using (var rows = dataSource.CreateCommand(ImportSql.RefusedRowNumbers))
        {
            rows.Parameters.Add(new NpgsqlParameter { Value = run.Id });
            await using var reader = await rows.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) refused.Add(reader.GetInt64(0));
        }
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var copy = await conn.BeginBinaryImportAsync(ImportSql.CopyRefusedRows, ct);
        var wkt = new WKTWriter();
        var next = 0;
        await using (var source = await FeatureSources.OpenAsync(run.Format, run.FilePath, options, ct))
            await foreach (var row in source.ReadAsync(ct))
            {
                if (next == refused.Count) break;
                if (row.Number != refused[next]) continue;
                next++;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(run.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(row.Number, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(fields.Select(f => row.Fields.TryGetValue(f, out var v) ? Text(v) : "").ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                if (row.Geometry is null) await copy.WriteNullAsync(ct);
                else await copy.WriteAsync(wkt.Write(row.Geometry), NpgsqlDbType.Text, ct);
            }
        await copy.CompleteAsync(ct);
    }

    private static string Text(object? v) => v switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string Csv(string s) =>
        s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static async Task WriteRefusalAsync(NpgsqlBinaryImporter refusals, long runId, long row, string field, LocalizedText reason, CancellationToken ct)
    {
        await refusals.StartRowAsync(ct);
        await refusals.WriteAsync(runId, NpgsqlDbType.Bigint, ct);
        await refusals.WriteAsync(row, NpgsqlDbType.Bigint, ct);
        await refusals.WriteAsync(field, NpgsqlDbType.Text, ct);
        await refusals.WriteAsync(reason.En, NpgsqlDbType.Text, ct);
        await refusals.WriteAsync(reason.Zh, NpgsqlDbType.Text, ct);
    }

    /// <summary>A converted row on its way to staging.</summary>
    private sealed record StagedRow(long Number, Geometry? Geometry, bool Refused, string? District, bool CodeSeen, long? Given, object?[] Values);

    /// <summary>
    /// Writes staged rows to the binary COPY on a task of its own, so that encoding the rows for PostgreSQL runs
    /// beside the reading instead of after each row. Rows pass in batches through a bounded channel, so at most a
    /// few batches are held: memory stays flat. A failure of the writing stops the reading (its next
    /// <see cref="AddAsync"/> throws the failure); a reading that fails or is cancelled cancels the COPY, so staging
    /// never takes a partial file as if it were whole.
    /// </summary>
    private sealed class StagingWriter : IAsyncDisposable
    {
        private const int BatchRows = 512;
        private const int QueuedBatches = 4;
        private readonly Channel<StagedRow[]> _channel = Channel.CreateBounded<StagedRow[]>(
            new BoundedChannelOptions(QueuedBatches) { SingleReader = true, SingleWriter = true });
        private readonly NpgsqlRawCopyStream _copy;
        private readonly CancellationTokenSource _stop;
        private readonly CancellationToken _caller;
        private readonly Task _writing;
        private StagedRow[] _batch = new StagedRow[BatchRows];
        private int _count;
        private bool _completed;

        public StagingWriter(NpgsqlRawCopyStream copy, IReadOnlyList<AttributeDefinition> writable, CancellationToken ct)
        {
            _copy = copy;
            _caller = ct;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var encoder = new BinaryCopyWriter(copy);
            _writing = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in _channel.Reader.ReadAllAsync(_stop.Token))
                        foreach (var row in batch)
                        {
                            if (row is null) break;
                            Write(encoder, writable, row);
                        }
                    encoder.Finish();
                }
                catch
                {
                    await _stop.CancelAsync(); // the reader's next AddAsync fails instead of waiting for room
                    throw;
                }
            }, CancellationToken.None);
        }

        public async ValueTask AddAsync(StagedRow row)
        {
            _batch[_count++] = row;
            if (_count < BatchRows) return;
            await SendAsync();
        }

        private async ValueTask SendAsync()
        {
            try
            {
                await _channel.Writer.WriteAsync(_batch, _stop.Token);
            }
            catch (OperationCanceledException) when (!_caller.IsCancellationRequested)
            {
                await _writing; // the writing stopped: this throws what stopped it
                throw;
            }
            _batch = new StagedRow[BatchRows];
            _count = 0;
        }

        /// <summary>Sends the last rows and waits until every row and the trailer are written.</summary>
        public async Task CompleteAsync()
        {
            if (_count > 0) await SendAsync();
            _channel.Writer.TryComplete();
            await _writing;
            _completed = true;
        }

        public async ValueTask DisposeAsync()
        {
            _channel.Writer.TryComplete();
            await _stop.CancelAsync();
            try { await _writing; } catch { /* the reading failed first, or CompleteAsync already threw it */ }
            if (!_completed)
                try { await _copy.CancelAsync(); } catch { /* the connection is already broken: the COPY is gone with it */ }
            _stop.Dispose();
        }

        // Synchronous writes into the encoder's buffer, which goes to the server only when full (this runs a
        // million times).
        private static void Write(BinaryCopyWriter copy, IReadOnlyList<AttributeDefinition> writable, StagedRow row)
        {
            copy.StartRow(6 + row.Values.Length);
            copy.Int64(row.Number);
            if (row.Geometry is null) copy.Null();
            else copy.Geometry(row.Geometry);
            copy.Boolean(row.Refused);
            if (row.District is null) copy.Null();
            else copy.Text(row.District);
            copy.Boolean(row.CodeSeen);
            if (row.Given is not { } given) copy.Null();
            else copy.Int64(given);
            for (var i = 0; i < row.Values.Length; i++)
            {
                if (row.Values[i] is not { } v) copy.Null();
                else WriteValue(copy, writable[i], v);
            }
        }
    }

    private static void WriteValue(BinaryCopyWriter copy, AttributeDefinition a, object v)
    {
        switch (a.Type)
        {
            case AttributeType.Integer or AttributeType.Reference: copy.Int64(Convert.ToInt64(v, CultureInfo.InvariantCulture)); break;
            case AttributeType.Number: copy.Float64((double)v); break;
            case AttributeType.Boolean: copy.Boolean((bool)v); break;
            case AttributeType.Date: copy.Date((DateOnly)v); break;
            default: copy.Text((string)v); break;
        }
    }

    /// <summary>Plausible coordinates in the source CRS, so that PROJ is never handed nonsense: longitude and
    /// latitude for geographic CRSs; for the CGCS2000 3-degree zones (false easting 500 km, no zone prefix) an
    /// easting of 0–1,000 km and a northing of 0–10,000 km.</summary>
    private static (double MinX, double MinY, double MaxX, double MaxY) Bounds(SupportedCrs crs) =>
        crs.Projected ? (0, 0, 1_000_000, 10_000_000) : (-180, -90, 180, 90);

    /// <summary>A one-part MultiPolygon or MultiLineString as its only part when the kind takes the single type:
    /// Shapefiles cannot say Polygon rather than MultiPolygon (every polygon shape may have parts) and GeoPackages
    /// written by GIS tools often declare the multi type, so a one-part multi is the file's spelling, not the data.
    /// Several parts stay multi and are refused by the kind's geometry rule.</summary>
    private static Geometry? SinglePartWhereExpected(Geometry? g, AssetKind kind) =>
        g is GeometryCollection { NumGeometries: 1 } multi and (MultiPolygon or MultiLineString or MultiPoint)
        && !kind.Accepts(g) && kind.Accepts(multi.GetGeometryN(0))
            ? multi.GetGeometryN(0)
            : g;

    private static LocalizedText? CheckSource(Geometry g, AssetKind kind, (double MinX, double MinY, double MaxX, double MaxY) b, int maxVertices)
    {
        if (g.NumPoints > maxVertices) return TooManyVertices(maxVertices);
        if (!kind.Accepts(g))
            return new($"A {g.GeometryType} is not accepted here; expected {string.Join(" or ", kind.GeometryTypes)}.",
                $"此处不接受 {g.GeometryType}，应为 {string.Join(" 或 ", kind.GeometryTypes)}。");
        foreach (var c in g.Coordinates)
        {
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y)) return NonFinite;
            if (c.X < b.MinX || c.X > b.MaxX || c.Y < b.MinY || c.Y > b.MaxY)
            {
                var at = string.Create(CultureInfo.InvariantCulture, $"{c.X:0.######} {c.Y:0.######}");
                return new($"The coordinate {at} is outside the declared CRS's range; check the CRS.", $"坐标 {at} 超出所声明坐标系的范围，请检查坐标系。");
            }
        }
        return null;
    }

    private static readonly LocalizedText NonFinite = new("A coordinate is not a finite number.", "存在非有限数值的坐标。");

    private static LocalizedText TooManyVertices(int max) =>
        new($"The geometry has more than {max} vertices.", $"几何图形的顶点超过 {max} 个。");

    private LocalizedText DescribeGeometryProblem(string? problem) => problem switch
    {
        null or SourceGeometryProblems.Missing => new("A geometry is required.", "必须提供几何图形。"),
        SourceGeometryProblems.TooManyVertices => TooManyVertices(settings.MaxVertices),
        SourceGeometryProblems.NonFinite => NonFinite,
        _ when problem.StartsWith(SourceGeometryProblems.UnreadablePrefix, StringComparison.Ordinal) =>
            new($"The geometry cannot be read: {problem[SourceGeometryProblems.UnreadablePrefix.Length..]}.", $"无法读取几何图形：{problem[SourceGeometryProblems.UnreadablePrefix.Length..]}。"),
        _ => new($"The geometry cannot be read: {problem}.", $"无法读取几何图形：{problem}。"),
    };

    private static Geometry ToWgs84(Geometry g)
    {
        var copy = g.Copy();
        copy.Apply(new Gcj02Filter());
        return copy;
    }

    private sealed class Gcj02Filter : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (lon, lat) = Gcj02.ToWgs84(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, lon);
            seq.SetY(i, lat);
        }
    }

    private static LocalizedText Describe(AssetValidationException e)
    {
        var en = e.Errors.ToDictionary(false);
        var zh = e.Errors.ToDictionary(true);
        return new LocalizedText(string.Join(" ", en.Select(p => $"{p.Key}: {string.Join("; ", p.Value)}")),
            string.Join(" ", zh.Select(p => $"{p.Key}：{string.Join("；", p.Value)}")));
    }

    private async Task ExecuteAsync(string sql, object[] args, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.CommandTimeout = 0;
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await ScalarAsync<long>(conn, sql, ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.CommandTimeout = 0;
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Runs <paramref name="sql"/> and returns the rows it affected.</summary>
    private static async Task<int> ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.CommandTimeout = 0;
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Writes the run's new rows into the kind's table in the commit's transaction (<paramref name="conn"/>) with one
    /// binary <c>COPY</c>, fed by a <c>COPY … TO</c> of <see cref="ImportSql.CopyNewRows"/> on a second connection
    /// (staging is committed, so it sees it): the bytes pass through unchanged, and are counted on the way.
    /// Returns the rows written.
    /// </summary>
    private async Task<long> CopyNewRowsAsync(NpgsqlConnection conn, AssetKind kind, long runId, IReadOnlyList<AttributeDefinition> present,
        IReadOnlyList<(AttributeDefinition Attribute, object Value)> defaulted, bool districtsStaged, string user, DateTimeOffset now, CancellationToken ct)
    {
        var types = await ColumnBaseTypesAsync(conn, kind, ct);
        var attributes = defaulted.Select(d => d.Attribute).ToList();

        await using var readConn = await dataSource.OpenConnectionAsync(ct);
        await using var readTx = await readConn.BeginTransactionAsync(ct);
        await ExecuteAsync(readConn, ImportSql.SetWorkMem(settings.WorkMemMegabytes), ct);
        // It reads staging and districts only, which the commit does not lock; should a kind's derived value ever
        // read a table the commit has locked, this fails instead of both waiting on each other for good.
        await ExecuteAsync(readConn, "set local lock_timeout = '30s'", ct);
        await ExecuteAsync(readConn, ImportSql.CreateCommitConstants(attributes, types), ct);
        await ExecuteAsync(readConn, ImportSql.FillCommitConstants(defaulted.Count), ct, [user, now, .. defaulted.Select(d => d.Value)]);

        var output = await readConn.BeginRawBinaryCopyAsync(ImportSql.CopyNewRows(kind, runId, present, attributes, districtsStaged, types), ct);
        NpgsqlRawCopyStream? input = null;
        var counter = new BinaryCopyTupleCounter();
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            input = await conn.BeginRawBinaryCopyAsync(ImportSql.CopyIntoTable(kind, ImportSql.NewRowColumns(kind, present, attributes)), ct);
            int read;
            while ((read = await output.ReadAsync(buffer, ct)) > 0)
            {
                counter.Feed(buffer.AsSpan(0, read));
                await input.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            if (!counter.Ended) throw new InvalidDataException("The new rows' COPY ended without its trailer.");
            await input.DisposeAsync(); // ends the COPY; the server's errors (a code now taken, a value too long) surface here
            await output.DisposeAsync();
        }
        catch
        {
            // The commit's error is the one to report: the other side is abandoned quietly, and the transaction
            // rolls back whatever part of the COPY went in.
            if (input is not null) await Quietly(input.CancelAsync);
            await Quietly(output.CancelAsync);
            throw;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        return counter.Rows;

        static async Task Quietly(Func<Task> cancel)
        {
            try { await cancel(); }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException) { }
        }
    }

    /// <summary>The kind's columns and their base types (<see cref="ImportSql.ColumnBaseTypes"/>).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ColumnBaseTypesAsync(NpgsqlConnection conn, AssetKind kind, CancellationToken ct)
    {
        var types = new Dictionary<string, string>();
        await using var cmd = new NpgsqlCommand(ImportSql.ColumnBaseTypes(kind), conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) types[reader.GetString(0)] = reader.GetString(1);
        return types;
    }

    private static async Task<(long Updates, long Inserts, long Unchanged)> CountToWriteAsync(NpgsqlConnection conn, long runId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(ImportSql.CountToUpdateAndInsert(runId), conn);
        cmd.CommandTimeout = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>
    /// For an insert of at least <see cref="ImportSettings.RebuildIndexesFromRows"/> rows that at least doubles
    /// the kind's table: drops the table's secondary indexes and foreign keys (in the caller's transaction, so a
    /// failure or a killed process leaves them as they were) and returns the statements that make them again
    /// after the insert. Otherwise drops nothing and returns none.
    /// </summary>
    private async Task<IReadOnlyList<(string Drop, string Make)>> RebuildIndexesAsync(NpgsqlConnection conn, AssetKind kind, long inserts, CancellationToken ct)
    {
        if (settings.RebuildIndexesFromRows <= 0 || inserts < settings.RebuildIndexesFromRows) return [];
        if (await ScalarAsync<long>(conn, ImportSql.CountStoredUpTo(kind), ct, inserts + 1) > inserts) return [];
        var statements = new List<(string, string)>();
        await using (var cmd = new NpgsqlCommand(ImportSql.RebuildableIndexesAndKeys(kind), conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) statements.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (drop, _) in statements) await ExecuteAsync(conn, drop, ct);
        return statements;
    }

    private async Task ClearRefusalsAsync(long runId, CancellationToken ct)
    {
        await ExecuteAsync("delete from import_refusals where run_id = $1", [runId], ct);
        await ExecuteAsync("delete from import_refused_rows where run_id = $1", [runId], ct);
    }

    private async Task DropStagingAsync(long runId, CancellationToken ct) =>
        await ExecuteAsync(ImportSql.DropStaging(runId), [], ct);
}
