using Npgsql;

namespace AssetRegistry.GisSeed;

/// <summary>Placeholder replaced by the seed generator work.</summary>
public static class CitySeeder
{
    public static Task<string> SeedAsync(NpgsqlDataSource dataSource, double scale, bool reset, IProgress<string>? progress = null, CancellationToken ct = default) =>
        throw new NotImplementedException();
}
