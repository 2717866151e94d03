using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using AssetRegistry.Domain.Analysis;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Tiles;
using AssetRegistry.Domain.WorkLists;
using Npgsql;

// Items-page benchmark: the API's GET /ogc/collections/{id}/items?bbox=…&limit=N beside the very statements the
// API runs (count, then the GeoJSON page) executed directly with Npgsql, interleaved in one run so that machine
// noise hits both alike. Usage: AssetRegistry.Bench items <baseUrl> <user> <password> [collection] [limit] [rounds]
var args2 = Environment.GetCommandLineArgs().Skip(1).ToArray();
if (args2.Length >= 4 && args2[0] == "tiles") return await TileBenchmark.RunAsync(args2);
if (args2.Length >= 1 && args2[0] == "worklists") return await WorkListBenchmark.RunAsync(args2);
if (args2.Length >= 1 && args2[0] == "coverage") return await PlannerAnalysisBenchmark.RunAsync(args2);
if (args2.Length >= 4 && args2[0] == "map") return await MapDrawBenchmark.RunAsync(args2);
if (args2.Length >= 3 && args2[0] == "import-generate") return await ImportBenchmark.GenerateAsync(args2);
if (args2.Length >= 3 && args2[0] == "import-read") return await ImportBenchmark.ReadOnlyAsync(args2);
if (args2.Length >= 3 && args2[0] == "import") return await ImportBenchmark.RunAsync(args2);
if (args2.Length < 4 || args2[0] != "items")
{
    Console.Error.WriteLine("usage: AssetRegistry.Bench items <baseUrl> <user> <password> [collection=manholes] [limit=1000] [rounds=200]");
    Console.Error.WriteLine("       AssetRegistry.Bench tiles <baseUrl> <user> <password> [passes=3]");
    Console.Error.WriteLine("       AssetRegistry.Bench worklists [tasks=10000] [capacity=60]");
    Console.Error.WriteLine("       AssetRegistry.Bench coverage [runs=3] [outfalls=50]");
    Console.Error.WriteLine("       AssetRegistry.Bench import-generate <dir> <rows> | import <csv|geojson> <file>");
    return 2;
}
var baseUrl = args2[1].TrimEnd('/');
var collection = args2.Length > 4 ? args2[4] : "manholes";
var limit = args2.Length > 5 ? int.Parse(args2[5], CultureInfo.InvariantCulture) : 1000;
var rounds = args2.Length > 6 ? int.Parse(args2[6], CultureInfo.InvariantCulture) : 200;
var cs = Environment.GetEnvironmentVariable("ConnectionStrings__AssetRegistry") ?? throw new InvalidOperationException("set ConnectionStrings__AssetRegistry");
var kind = AssetKinds.Find(collection) ?? throw new InvalidOperationException("unknown collection " + collection);

await using var dataSource = PersistenceSetup.BuildDataSource(cs);
var reader = new FeatureReader(dataSource);
using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{args2[2]}:{args2[3]}")));

// Windows of about 1.2 km around random points of the central city, enough to fill a page of 1,000 at scale 4.
var random = new Random(42);
var boxes = Enumerable.Range(0, rounds).Select(_ =>
{
    var lon = 118.56 + random.NextDouble() * 0.1;
    var lat = 24.86 + random.NextDouble() * 0.08;
    return new BoundingBox(lon, lat, lon + 0.012, lat + 0.012);
}).ToList();

var readBuffer = new byte[64 * 1024];

async Task<(double Ms, int Bytes, long Count)> ApiAsync(BoundingBox b)
{
    var url = string.Create(CultureInfo.InvariantCulture, $"/ogc/collections/{collection}/items?bbox={b.MinLon},{b.MinLat},{b.MaxLon},{b.MaxLat}&limit={limit}");
    var sw = Stopwatch.StartNew();
    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
    // Read the whole body through one reused buffer: a fresh 700 kB array per call would land on the large-object
    // heap and put the client's own garbage collections into the API's timings.
    await using var stream = await response.Content.ReadAsStreamAsync();
    var bytes = 0;
    int read;
    while ((read = await stream.ReadAsync(readBuffer)) > 0) bytes += read;
    sw.Stop();
    response.EnsureSuccessStatusCode();
    return (sw.Elapsed.TotalMilliseconds, bytes, 0);
}

async Task<(double Ms, int Bytes, long Count)> SqlAsync(BoundingBox b)
{
    var sw = Stopwatch.StartNew();
    var page = await reader.ReadPageAsync(new FeatureQuery(kind, b, [], limit, 0), CancellationToken.None);
    var bytes = page.Features.Sum(f => f.Length);
    sw.Stop();
    return (sw.Elapsed.TotalMilliseconds, bytes, page.Features.Count);
}

// Warm both paths (connection pools, JIT, credential cache, PostgreSQL buffers).
for (var i = 0; i < 10; i++) { await ApiAsync(boxes[i]); await SqlAsync(boxes[i]); }

var api = new List<double>();
var sql = new List<double>();
long returned = 0;
for (var i = 0; i < rounds; i++)
{
    // Alternate which goes first so neither always gets the warmer cache.
    if (i % 2 == 0) { api.Add((await ApiAsync(boxes[i])).Ms); var s = await SqlAsync(boxes[i]); sql.Add(s.Ms); returned += s.Count; }
    else { var s = await SqlAsync(boxes[i]); sql.Add(s.Ms); returned += s.Count; api.Add((await ApiAsync(boxes[i])).Ms); }
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    var rank = p / 100 * (sorted.Count - 1);
    var lo = (int)Math.Floor(rank);
    var hi = (int)Math.Ceiling(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

var (a50, a95, s50, s95) = (Percentile(api, 50), Percentile(api, 95), Percentile(sql, 50), Percentile(sql, 95));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"items {collection} limit={limit} rounds={rounds} mean features/page={returned / (double)rounds:0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| path | p50 ms | p95 ms |"));
Console.WriteLine("|---|---|---|");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| direct SQL (count + page, Npgsql) | {s50:0.0} | {s95:0.0} |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| API GET items (HTTP, Basic auth) | {a50:0.0} | {a95:0.0} |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ratio API / SQL | {a50 / s50:0.00} | {a95 / s95:0.00} |"));
return 0;

/// <summary>
/// Vector-tile benchmark: every tile a 1280 × 800 map viewport over the central city needs at zooms 12–16, for every
/// kind from its minimum zoom, fetched through the API (<c>?v=</c> the current version, as the map asks) beside the
/// very statement the API runs (<see cref="VectorTileSql.For"/>) executed directly with Npgsql, interleaved.
/// </summary>
internal static class TileBenchmark
{
    private const double CentreLon = 118.615, CentreLat = 24.90;
    private const int ViewportWidth = 1280, ViewportHeight = 800, TilePixels = 256;
    private static readonly int[] Zooms = [12, 13, 14, 15, 16];

    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = args[1].TrimEnd('/');
        var passes = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;
        var cs = Environment.GetEnvironmentVariable("ConnectionStrings__AssetRegistry") ?? throw new InvalidOperationException("set ConnectionStrings__AssetRegistry");
        await using var dataSource = PersistenceSetup.BuildDataSource(cs);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{args[2]}:{args[3]}")));
        var versions = await new VectorTiles(dataSource).ReadVersionsAsync(CancellationToken.None);

        var tiles = (from z in Zooms
                     from t in ViewportTiles(z)
                     from k in AssetKinds.All
                     where z >= k.TileMinZoom
                     select (Kind: k, Tile: t)).ToList();

        async Task<(double Ms, int Bytes)> ApiAsync(AssetKind k, TileAddress t)
        {
            var url = string.Create(CultureInfo.InvariantCulture,
                $"/ogc/collections/{k.CollectionId}/tiles/WebMercatorQuad/{t.Zoom}/{t.Row}/{t.Column}?v={versions[k.CollectionId]}");
            var sw = Stopwatch.StartNew();
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            sw.Stop();
            response.EnsureSuccessStatusCode();
            return (sw.Elapsed.TotalMilliseconds, body.Length);
        }

        async Task<(double Ms, int Bytes)> SqlAsync(AssetKind k, TileAddress t)
        {
            var sw = Stopwatch.StartNew();
            await using var cmd = dataSource.CreateCommand(VectorTileSql.For(k));
            cmd.Parameters.Add(new NpgsqlParameter { Value = t.Zoom });
            cmd.Parameters.Add(new NpgsqlParameter { Value = t.Column });
            cmd.Parameters.Add(new NpgsqlParameter { Value = t.Row });
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            var bytes = reader.IsDBNull(1) ? 0 : reader.GetFieldValue<byte[]>(1).Length;
            sw.Stop();
            return (sw.Elapsed.TotalMilliseconds, bytes);
        }

        // Warm both paths (connection pools, JIT, credential cache, PostgreSQL buffers) with one pass over every tile.
        foreach (var (k, t) in tiles) { await ApiAsync(k, t); await SqlAsync(k, t); }

        var samples = new List<(string Kind, int Zoom, double Api, double Sql, int Bytes)>();
        for (var pass = 0; pass < passes; pass++)
            for (var i = 0; i < tiles.Count; i++)
            {
                var (k, t) = tiles[i];
                // Alternate which goes first so neither always gets the warmer cache.
                if ((i + pass) % 2 == 0) { var a = await ApiAsync(k, t); var s = await SqlAsync(k, t); samples.Add((k.CollectionId, t.Zoom, a.Ms, s.Ms, s.Bytes)); }
                else { var s = await SqlAsync(k, t); var a = await ApiAsync(k, t); samples.Add((k.CollectionId, t.Zoom, a.Ms, s.Ms, s.Bytes)); }
            }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tiles: {tiles.Count} (kind, tile) pairs of a {ViewportWidth}x{ViewportHeight} viewport at ({CentreLon}, {CentreLat}), zooms {Zooms[0]}-{Zooms[^1]}, {passes} passes"));
        PrintTable("zoom", samples.GroupBy(s => s.Zoom.ToString(CultureInfo.InvariantCulture)).Append(samples.GroupBy(_ => "all").Single()));
        Console.WriteLine();
        PrintTable("kind", samples.GroupBy(s => s.Kind));
        return 0;
    }

    private static void PrintTable(string by, IEnumerable<IGrouping<string, (string Kind, int Zoom, double Api, double Sql, int Bytes)>> groups)
    {
        Console.WriteLine($"| {by} | requests | mean kB | SQL p50 ms | API p50 ms | ratio p50 | SQL p95 ms | API p95 ms | ratio p95 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var group in groups)
        {
            var api = group.Select(s => s.Api).ToList();
            var sql = group.Select(s => s.Sql).ToList();
            var (a50, a95, s50, s95) = (Percentile(api, 50), Percentile(api, 95), Percentile(sql, 50), Percentile(sql, 95));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {api.Count} | {group.Average(s => s.Bytes) / 1024:0.0} | {s50:0.0} | {a50:0.0} | {a50 / s50:0.00} | {s95:0.0} | {a95:0.0} | {a95 / s95:0.00} |"));
        }
    }

    /// <summary>The tiles a viewport of 1280 × 800 pixels centred on the central city needs at zoom <paramref name="z"/>.</summary>
    private static IEnumerable<TileAddress> ViewportTiles(int z)
    {
        var n = 1 << z;
        var cx = (CentreLon + 180) / 360 * n * TilePixels;
        var rad = CentreLat * Math.PI / 180;
        var cy = (1 - Math.Log(Math.Tan(rad) + 1 / Math.Cos(rad)) / Math.PI) / 2 * n * TilePixels;
        for (var x = (int)Math.Floor((cx - ViewportWidth / 2.0) / TilePixels); x <= (int)Math.Floor((cx + ViewportWidth / 2.0) / TilePixels); x++)
            for (var y = (int)Math.Floor((cy - ViewportHeight / 2.0) / TilePixels); y <= (int)Math.Floor((cy + ViewportHeight / 2.0) / TilePixels); y++)
                yield return new TileAddress(z, x, y);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = p / 100 * (sorted.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}

/// <summary>
/// Work-list benchmark: open tasks for random in-service manholes and streetlights of the central districts (鲤城,
/// 丰泽, 洛江), crews covering them (one per <c>capacity</c> tasks of a district, plus one roving crew covering all
/// three), then <see cref="WorkListBuilder.BuildAsync"/> timed once and again (the idempotent second build), and the
/// total route length against visiting the same stops in asset-code order. The bench's tasks are due on a day long
/// before any scheduled task (2000-01-03) and marked in their description, so the other benchmarks' tasks are never
/// candidates and every run starts by removing the previous run's crews, lists and tasks.
/// </summary>
internal static class WorkListBenchmark
{
    private const string Marker = "bench:worklists";
    private const string CrewPrefix = "bench·";
    private static readonly DateOnly BenchDay = new(2000, 1, 3);
    private static readonly string[] CentralDistricts = ["350502", "350503", "350504"];

    public static async Task<int> RunAsync(string[] args)
    {
        var taskCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var capacity = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
        var cs = Environment.GetEnvironmentVariable("ConnectionStrings__AssetRegistry") ?? throw new InvalidOperationException("set ConnectionStrings__AssetRegistry");
        await using var dataSource = PersistenceSetup.BuildDataSource(cs);

        async Task<long> ScalarAsync(string sql, params object[] values)
        {
            await using var cmd = dataSource.CreateCommand(sql);
            cmd.CommandTimeout = 600;
            foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        // The previous run's state, and only that.
        await ScalarAsync("""
            with bench_lists as (select w.id from work_lists w join crews c on c.id = w.crew_id where c.name like $1 || '%'),
                 freed as (update inspection_tasks set work_list_id = null, stop_number = null where work_list_id in (select id from bench_lists) returning 1)
            select count(*) from freed
            """, CrewPrefix);
        await ScalarAsync("with d as (delete from work_lists where crew_id in (select id from crews where name like $1 || '%') returning 1) select count(*) from d", CrewPrefix);
        await ScalarAsync("with d as (delete from crews where name like $1 || '%' returning 1) select count(*) from d", CrewPrefix);
        await ScalarAsync("with d as (delete from inspection_tasks where description = $1 returning 1) select count(*) from d", Marker);

        var setup = Stopwatch.StartNew();
        var inserted = await ScalarAsync("""
            with picked as (
                select id, 'manholes'::text as collection, district, 'cover_patrol' as inspection_type, 'manhole_cover' as checklist, md5(id::text) as h
                from manholes where status = 'in_service' and district = any($1)
                union all
                select id, 'streetlights', district, 'night_patrol', 'streetlight', md5(id::text)
                from streetlights where status = 'in_service' and district = any($1)
                order by h limit $2),
            i as (
                insert into inspection_tasks (asset_id, collection, district, inspection_type, checklist, due_date, priority, status,
                                              confined_space, escalation, description, created_at, safety_confirmed, version)
                select id, collection, district, inspection_type, checklist, $3, 100, 'open', false, 'none', $4, now(), false, 1
                from picked returning 1)
            select count(*) from i
            """, CentralDistricts, taskCount, BenchDay, Marker);
        var crews = 0;
        foreach (var district in CentralDistricts)
        {
            var n = await ScalarAsync("select count(*) from inspection_tasks where description = $1 and district = $2", Marker, district);
            for (var k = 1; k <= (n + capacity - 1) / capacity; k++, crews++)
                await ScalarAsync("insert into crews (name, districts, capacity_per_day, members) values ($1, $2, $3, '{}') returning id",
                    $"{CrewPrefix}{district}·{k}", new[] { district }, capacity);
        }
        await ScalarAsync("insert into crews (name, districts, capacity_per_day, members) values ($1, $2, $3, '{}') returning id",
            $"{CrewPrefix}roving", CentralDistricts, capacity);
        crews++;
        var others = await ScalarAsync("select count(*) from inspection_tasks where status = 'open' and work_list_id is null and due_date <= $1 and description is distinct from $2",
            BenchDay, Marker);
        await ScalarAsync("analyze inspection_tasks; select 1");
        setup.Stop();

        var builder = new WorkListBuilder(dataSource, new InspectionOptions(), TimeProvider.System);
        var watch = Stopwatch.StartNew();
        var first = await builder.BuildAsync(BenchDay);
        watch.Stop();
        var again = Stopwatch.StartNew();
        var second = await builder.BuildAsync(BenchDay);
        again.Stop();

        var lists = first.Lists;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"work lists: {inserted:N0} open tasks in {string.Join(", ", CentralDistricts)} (other candidates: {others}), {crews} crews of capacity {capacity}, setup {setup.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| first build (wall, one transaction) | {watch.Elapsed.TotalSeconds:0.00} s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| second build (idempotent) | {again.Elapsed.TotalSeconds:0.00} s, {second.Lists.Count} lists, {second.CandidateTasks} candidates |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| candidates / assigned / deferred / uncovered | {first.CandidateTasks:N0} / {first.AssignedTasks:N0} / {first.Deferred.Sum(d => d.Tasks):N0} / {first.Uncovered.Sum(d => d.Tasks):N0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| lists (stops min / mean / max) | {lists.Count} ({lists.Min(l => l.Stops)} / {lists.Average(l => l.Stops):0.0} / {lists.Max(l => l.Stops)}) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| total route, nearest neighbour + 2-opt | {first.RouteLengthM / 1000:N1} km (mean {lists.Average(l => l.RouteLengthM) / 1000:0.0} km per list) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| total in asset-code order, same stops | {first.CodeOrderLengthM / 1000:N1} km (mean {lists.Average(l => l.CodeOrderLengthM) / 1000:0.0} km per list) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ratio route / code order | {first.RouteLengthM / first.CodeOrderLengthM:0.000} (per list: median {Median(lists.Select(l => l.RouteLengthM / l.CodeOrderLengthM)):0.000}, worst {lists.Max(l => l.RouteLengthM / l.CodeOrderLengthM):0.000}) |"));
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>
/// Planner analyses on the seeded city: <see cref="ParkCoverageAnalysis"/> (straight-line) and
/// <see cref="WalkingCoverageAnalysis"/> (pgRouting), each run once to warm and then <c>runs</c> times, as the API runs
/// them (the report only); and the upstream trace from the outfalls with the largest trunks
/// (<see cref="SewerNetworkTrace.OutfallsByTrunkSizeAsync"/>): the first <c>outfalls</c> are traced once, and the one
/// with the largest network is timed <c>runs</c> more times.
/// </summary>
internal static class PlannerAnalysisBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var outfalls = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
        var cs = Environment.GetEnvironmentVariable("ConnectionStrings__AssetRegistry") ?? throw new InvalidOperationException("set ConnectionStrings__AssetRegistry");
        await using var dataSource = PersistenceSetup.BuildDataSource(cs);
        var ct = CancellationToken.None;

        async Task<long> CountAsync(string sql)
        {
            await using var cmd = dataSource.CreateCommand(sql);
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        var (parks, parcels) = (await CountAsync("select count(*) from parks"), await CountAsync("select count(*) from residential_areas"));
        var (streets, segments) = (await CountAsync("select count(*) from streets"), await CountAsync("select count(*) from sewer_segments"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"city: {parks:N0} parks, {parcels:N0} residential parcels, {streets:N0} street pieces, {segments:N0} sewer segments"));

        var straight = new ParkCoverageAnalysis(dataSource);
        var walking = new WalkingCoverageAnalysis(dataSource);
        var (straightTimes, straightReport) = await TimeAsync(runs, async () => (await straight.RunAsync([], false, 0, ct)).Report);
        var (walkingTimes, walkingReport) = await TimeAsync(runs, async () => (await walking.RunAsync([], false, 0, ct)).Report);

        var trace = new SewerNetworkTrace(dataSource);
        var candidates = (await trace.OutfallsByTrunkSizeAsync(ct)).Take(outfalls).ToList();
        SewerTraceResult? largest = null;
        foreach (var id in candidates)
        {
            var r = (await trace.FromManholeAsync(id, TraceDirection.Upstream, ct))!;
            if (largest is null || r.SegmentIds.Count > largest.SegmentIds.Count) largest = r;
        }
        var (traceTimes, _) = await TimeAsync(runs, async () => (await trace.FromManholeAsync(largest!.StartManholeId, TraceDirection.Upstream, ct))!);

        Console.WriteLine("| analysis | result | median ms | min ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|");
        Row("straight-line coverage", $"{straightReport.City.CoveragePercent:0.00} % of {straightReport.City.ResidentialM2 / 1e6:0.00} km², {straightReport.ParksCounted} parks", straightTimes);
        Row("walking coverage", $"{walkingReport.City.CoveragePercent:0.00} %, {walkingReport.Network!.StreetEdges:N0} edges", walkingTimes);
        Row($"upstream trace, largest of the first {candidates.Count} outfalls", $"manhole {largest!.StartManholeId}: {largest.SegmentIds.Count:N0} segments, {largest.TotalLengthM / 1000:0.0} km", traceTimes);
        return 0;
    }

    private static async Task<(List<double> Ms, T Last)> TimeAsync<T>(int runs, Func<Task<T>> run)
    {
        var last = await run(); // warm: JIT, pool, PostgreSQL buffers
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            last = await run();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        return (times, last);
    }

    private static void Row(string name, string result, List<double> ms)
    {
        var sorted = ms.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {result} | {sorted[sorted.Count / 2]:0} | {sorted[0]:0} | {sorted[^1]:0} |"));
    }
}
