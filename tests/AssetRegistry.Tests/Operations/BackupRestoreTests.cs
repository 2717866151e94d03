using Npgsql;

namespace AssetRegistry.Tests.Operations;

/// <summary>scripts/backup.sh and scripts/restore.sh: a seeded registry backed up and restored into a fresh
/// database holds the same rows in every table.</summary>
[Collection(SeededRegistryCollection.Name)]
public sealed class BackupRestoreTests(SeededRegistry registry)
{
    [Fact]
    public async Task BackupRestoredIntoAFreshDatabase_HasTheSameCountsAndChecksumsPerTable()
    {
        var file = Path.Combine(registry.Cluster.Directory, "..", $"backup-{registry.Cluster.Port}.dump");
        var restored = new NpgsqlConnectionStringBuilder(registry.ConnectionString) { Database = "registry_restored" }.ConnectionString;
        try
        {
            await Scripts.RunAsync("backup.sh", "--connection", registry.ConnectionString, file);
            Assert.True(new FileInfo(file).Length > 0);
            await Scripts.RunAsync("restore.sh", file, "--connection", restored);

            var before = await TableChecksum.AllAsync(registry.ConnectionString);
            var after = await TableChecksum.AllAsync(restored);
            Assert.Equal(before, after);
            var rows = before.ToDictionary(t => t.Table, t => t.Rows);
            foreach (var table in new[] { "public.manholes", "public.sewer_segments", "public.asset_changes", "public.inspection_tasks",
                         "public.inspection_rules", "public.districts", "public.\"AspNetUsers\"", "public.streets" })
                Assert.True(rows[table] > 0, $"{table} has rows to compare");
            Assert.Equal("3.", (await ScalarAsync(restored, "select postgis_lib_version()"))[..2]);
            Assert.NotEmpty(await ScalarAsync(restored, "select pgr_version()"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task RestoreIntoAnExistingDatabase_IsRefusedAndChangesNothing()
    {
        var file = Path.Combine(registry.Cluster.Directory, "..", $"backup-refused-{registry.Cluster.Port}.dump");
        try
        {
            await Scripts.RunAsync("backup.sh", "--connection", registry.ConnectionString, file);
            var before = await TableChecksum.OfAsync(registry.ConnectionString, "manholes");
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Scripts.RunAsync("restore.sh", file, "--connection", registry.ConnectionString));
            Assert.Contains("database registry exists; restore goes into a fresh database", error.Message);
            Assert.Equal(before, await TableChecksum.OfAsync(registry.ConnectionString, "manholes"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> ScalarAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
