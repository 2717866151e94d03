using System.Diagnostics;
using System.Globalization;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Streets;
using AssetRegistry.Domain.Tiles;
using Npgsql;

namespace AssetRegistry.GisSeed;

/// <summary>Generates the seed city (<see cref="CityGenerator"/>) and loads it into an empty (or reset) registry.</summary>
public static class CitySeeder
{
    /// <summary>
    /// Seeds the registry at <paramref name="scale"/> (1 = Quanzhou central city, about 326,000 assets; 4 = over a
    /// million). With <paramref name="reset"/> the eight asset tables and <c>asset_changes</c> are truncated first
    /// (districts and users are kept); without it, a database that already holds assets is left untouched. The
    /// streets (the walking network) are replaced whenever the city loads, and their routing topology rebuilt. Loads in
    /// one transaction, moves <c>asset_id_seq</c> past the highest id and analyses the tables. Returns a one-line report.
    /// </summary>
    public static async Task<string> SeedAsync(NpgsqlDataSource dataSource, double scale, bool reset, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (!reset)
        {
            var probe = string.Join(" union all ", SeedTable.All.Select(t => $"select exists(select 1 from {t.Name})"));
            await using var check = new NpgsqlCommand($"select bool_or(e) from ({probe}) as x(e)", conn);
            if ((bool)(await check.ExecuteScalarAsync(ct))!)
                return "the database is already seeded; nothing loaded (use --reset to replace the assets)";
        }

        var districts = DistrictLoader.ReadDistricts();
        var city = CityGenerator.Generate(scale, districts);
        progress?.Report($"generated {city.AssetCount} assets at scale {scale.ToString(CultureInfo.InvariantCulture)} in {watch.Elapsed.TotalSeconds:0.0} s");

        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            if (reset)
            {
                var tables = string.Join(", ", SeedTable.All.Select(t => t.Name).Append("asset_changes"));
                await using var truncate = new NpgsqlCommand($"truncate {tables} restart identity", conn, tx);
                await truncate.ExecuteNonQueryAsync(ct);
            }
            await SeedLoader.CopyAsync(conn, city, progress, ct);
            await using (var clear = new NpgsqlCommand("truncate streets, street_vertices restart identity", conn, tx))
                await clear.ExecuteNonQueryAsync(ct);
            var (streets, copySeconds) = await SeedLoader.CopyStreetsAsync(conn, city, ct);
            var topology = Stopwatch.StartNew();
            var vertices = await StreetNetwork.BuildTopologyAsync(conn, tx, ct);
            progress?.Report($"streets: {streets} rows in {copySeconds:0.0} s, routing topology ({vertices} vertices) in {topology.Elapsed.TotalSeconds:0.0} s");
            var maxId = string.Join(", ", SeedTable.All.Select(t => $"(select max(id) from {t.Name})"));
            await using var setval = new NpgsqlCommand($"select setval('asset_id_seq', greatest(coalesce(greatest({maxId}), 0), 1), coalesce(greatest({maxId}), 0) > 0)", conn, tx);
            await setval.ExecuteNonQueryAsync(ct);
            // New data under every collection: cached vector tiles of the old city must not be reused.
            await CollectionVersions.BumpAsync(conn, [.. AssetKinds.All.Select(k => k.CollectionId)], ct);
            await tx.CommitAsync(ct);
        }
        foreach (var table in SeedTable.All.Select(t => t.Name).Concat(["streets", "street_vertices"]))
        {
            await using var analyze = new NpgsqlCommand($"analyze {table}", conn);
            await analyze.ExecuteNonQueryAsync(ct);
        }
        var counts = string.Join(", ", city.Tables().Select(t => $"{t.Table.Name} {t.Rows.Count}").Append($"streets {city.Streets.Count}"));
        return $"seeded scale {scale.ToString(CultureInfo.InvariantCulture)}: {counts} ({city.AssetCount} assets) in {watch.Elapsed.TotalSeconds:0.0} s";
    }
}
