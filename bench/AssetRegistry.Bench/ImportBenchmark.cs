using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AssetRegistry.Domain.Imports;
using AssetRegistry.Domain.Persistence;
using Npgsql;

/// <summary>
/// The import benchmark. <c>import-generate DIR ROWS</c> writes ROWS streetlights at random points of the service
/// area (PostGIS <c>ST_GeneratePoints</c>, fixed seed) as <c>streetlights.csv</c> and <c>streetlights.geojson</c>.
/// <c>import FORMAT FILE</c> runs one whole import of FILE into streetlights through the pipeline the API uses —
/// the dry run (streamed read, binary COPY to staging, SQL checks) and the all-or-nothing commit (insert, history,
/// tile version) — and prints each phase's time and this process's peak resident memory (VmHWM). With
/// <c>--dry-run</c> it stops after the dry run and prints the commit's <c>COPY</c> statement; the run is then
/// discarded (staging and refusals dropped) unless <c>--keep-staging</c> is given too.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> GenerateAsync(string[] args)
    {
        var dir = args[1];
        var rows = int.Parse(args[2], CultureInfo.InvariantCulture);
        Directory.CreateDirectory(dir);
        await using var dataSource = PersistenceSetup.BuildDataSource(ConnectionString());
        var watch = Stopwatch.StartNew();
        await using var csv = new StreamWriter(Path.Combine(dir, "streetlights.csv"), false, new UTF8Encoding(false), 1 << 16);
        await using var json = new StreamWriter(Path.Combine(dir, "streetlights.geojson"), false, new UTF8Encoding(false), 1 << 16);
        await csv.WriteLineAsync("code,name,lamp_type,wattage_w,pole_height_m,road_class,install_date,longitude,latitude");
        await json.WriteAsync("{\"type\":\"FeatureCollection\",\"features\":[\n");
        string[] lamps = ["led", "hps", "metal_halide"];
        string[] roads = ["arterial", "secondary", "branch", "back_lane"];
        await using var cmd = dataSource.CreateCommand(
            "select ST_X(g.geom), ST_Y(g.geom) from service_area a, ST_Dump(ST_GeneratePoints(a.geometry, $1, 42)) g");
        cmd.CommandTimeout = 0;
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows });
        await using var r = await cmd.ExecuteReaderAsync();
        var i = 0;
        while (await r.ReadAsync())
        {
            i++;
            var (lon, lat) = (r.GetDouble(0), r.GetDouble(1));
            var code = $"SL-B-{i:D7}";
            var lamp = lamps[i % lamps.Length];
            var watt = 60 + i % 20 * 10;
            var height = 6 + i % 7;
            var road = roads[i % roads.Length];
            var date = new DateOnly(2000 + i % 25, 1 + i % 12, 1 + i % 28).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await csv.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{code},路灯 {i},{lamp},{watt},{height},{road},{date},{lon:0.0000000},{lat:0.0000000}"));
            await json.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(i > 1 ? ",\n" : "")}{{\"type\":\"Feature\",\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{lon:0.0000000},{lat:0.0000000}]}},\"properties\":{{\"code\":\"{code}\",\"name\":\"路灯 {i}\",\"lamp_type\":\"{lamp}\",\"wattage_w\":{watt},\"pole_height_m\":{height},\"road_class\":\"{road}\",\"install_date\":\"{date}\"}}}}"));
        }
        await json.WriteAsync("\n]}\n");
        Console.WriteLine($"generated {i:N0} streetlights in {watch.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var format = args[1];
        // The pipeline deletes an upload once it is imported without refusals: bench.sh passes a hard link.
        var file = Path.GetFullPath(args[2]);
        await using var dataSource = PersistenceSetup.BuildDataSource(ConnectionString());
        var settings = new ImportSettings();
        var pipeline = new ImportPipeline(dataSource, settings, new RegistryRules(), TimeProvider.System)
        {
            Trace = (phase, time) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {time.TotalSeconds,6:0.00} s  {phase}")),
        };
        var runs = new ImportRuns(dataSource);
        var total = Stopwatch.StartNew();
        // --match-on-code: a re-import that updates the streetlights whose code is stored (the file imported before).
        var id = await runs.CreateAsync("streetlights", format, Path.GetFileName(file), file, null, false, args.Contains("--match-on-code"), null, "bench",
            DateTimeOffset.UtcNow, default);
        await pipeline.ValidateAsync(id, default);
        var validated = total.Elapsed;
        var run = (await runs.FindAsync(id, default))!;
        if (run.Status != ImportStatus.Validated) { Console.Error.WriteLine($"dry run ended {run.Status}: {run.Error}"); return 1; }
        if (args.Contains("--dry-run"))
        {
            // For looking at the merge's plan: print it for this run. The staging (160 MB a million rows) is kept
            // only with --keep-staging; otherwise the run is discarded as the imports page would.
            var kind = AssetRegistry.Domain.Assets.AssetKinds.Find("streetlights")!;
            var present = ImportSql.Mapped(kind, run.Mapping.Values);
            await using var conn = await dataSource.OpenConnectionAsync();
            var types = await ImportPipeline.ColumnBaseTypesAsync(conn, kind, default);
            Console.WriteLine(ImportSql.CopyNewRows(kind, id, present, [], districtsStaged: kind.GeometryTypes.All(t => t == "Point"), types));
            if (run.MatchOnCode) Console.WriteLine(ImportSql.Update(kind, id, present, districtsStaged: kind.GeometryTypes.All(t => t == "Point")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dry run {validated.TotalSeconds:0.0} s; VmHWM {PeakMiB():0} MiB; {GcSummary()}"));
            // (The dry run has already deleted the upload, as it does for every run, so the discard deletes no file.)
            if (!args.Contains("--keep-staging")) await pipeline.DiscardAsync(run, default);
            return 0;
        }
        if (!await runs.TransitionAsync(id, [ImportStatus.Validated], ImportStatus.Importing, CommitMode.AllOrNothing, default)) return 1;
        await pipeline.CommitAsync(id, "bench", default);
        var elapsed = total.Elapsed;
        run = (await runs.FindAsync(id, default))!;
        if (run.Status != ImportStatus.Done) { Console.Error.WriteLine($"commit ended {run.Status}: {run.Error}"); return 1; }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{format}: {run.RowsRead:N0} rows read, {run.RowsRefused:N0} refused, {run.RowsInserted:N0} inserted, {run.RowsUpdated:N0} updated; dry run {validated.TotalSeconds:0.0} s, commit {(elapsed - validated).TotalSeconds:0.0} s, total {elapsed.TotalSeconds:0.0} s; VmHWM {PeakMiB():0} MiB; {GcSummary()}"));
        return 0;
    }

    /// <summary><c>import-read FORMAT FILE</c>: the reader and the value conversion alone, without the database.</summary>
    public static async Task<int> ReadOnlyAsync(string[] args)
    {
        var kind = AssetRegistry.Domain.Assets.AssetKinds.Find("streetlights")!;
        var watch = Stopwatch.StartNew();
        await using var source = await FeatureSources.OpenAsync(args[1], args[2], new ImportOptions());
        var mapping = FieldMapping.Create(kind, null);
        long rows = 0, values = 0;
        await foreach (var row in source.ReadAsync(default))
        {
            rows++;
            foreach (var (field, raw) in row.Fields)
                if (mapping.Resolve(field) is { } a && SourceValues.Convert(a, raw).Value is not null) values++;
        }
        Console.WriteLine($"read {rows:N0} rows, {values:N0} values in {watch.Elapsed.TotalSeconds:0.00} s; VmHWM {PeakMiB():0} MiB; {GcSummary()}");
        return 0;
    }

    /// <summary>What the process allocated and how often the GC ran, per generation, since it started.</summary>
    private static string GcSummary() => string.Create(CultureInfo.InvariantCulture,
        $"allocated {GC.GetTotalAllocatedBytes() / 1048576.0:N0} MiB, collections gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}, GC pause {GC.GetTotalPauseDuration().TotalSeconds:0.00} s");

    /// <summary>Peak resident set of this process, MiB (VmHWM from /proc/self/status).</summary>
    private static double PeakMiB()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static string ConnectionString() =>
        Environment.GetEnvironmentVariable("ConnectionStrings__AssetRegistry") ?? throw new InvalidOperationException("set ConnectionStrings__AssetRegistry");
}
