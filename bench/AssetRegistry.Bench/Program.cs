using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.Persistence;

// Items-page benchmark: the API's GET /ogc/collections/{id}/items?bbox=…&limit=N beside the very statements the
// API runs (count, then the GeoJSON page) executed directly with Npgsql, interleaved in one run so that machine
// noise hits both alike. Usage: AssetRegistry.Bench items <baseUrl> <user> <password> [collection] [limit] [rounds]
var args2 = Environment.GetCommandLineArgs().Skip(1).ToArray();
if (args2.Length < 4 || args2[0] != "items")
{
    Console.Error.WriteLine("usage: AssetRegistry.Bench items <baseUrl> <user> <password> [collection=manholes] [limit=1000] [rounds=200]");
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

async Task<(double Ms, int Bytes, long Count)> ApiAsync(BoundingBox b)
{
    var url = string.Create(CultureInfo.InvariantCulture, $"/ogc/collections/{collection}/items?bbox={b.MinLon},{b.MinLat},{b.MaxLon},{b.MaxLat}&limit={limit}");
    var sw = Stopwatch.StartNew();
    using var response = await http.GetAsync(url);
    var body = await response.Content.ReadAsByteArrayAsync();
    sw.Stop();
    response.EnsureSuccessStatusCode();
    return (sw.Elapsed.TotalMilliseconds, body.Length, 0);
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
