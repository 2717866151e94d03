using AssetRegistry.Domain.Persistence;

// The background-job host. Inspection scheduling (Hangfire) arrives with the inspections work (issue #4); until
// then this only checks that it can reach the registry database, so deployments can wire it up already.
var cs = Environment.GetEnvironmentVariable("ConnectionStrings__" + PersistenceSetup.ConnectionName);
if (string.IsNullOrWhiteSpace(cs))
{
    Console.Error.WriteLine($"error: no database configured: set ConnectionStrings__{PersistenceSetup.ConnectionName}");
    return 1;
}
await using var dataSource = PersistenceSetup.BuildDataSource(cs);
try
{
    await using var conn = await dataSource.OpenConnectionAsync();
}
catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
{
    Console.Error.WriteLine($"error: cannot reach the database: {e.Message}");
    return 1;
}
Console.WriteLine("AssetRegistry.Jobs: database reachable; no recurring jobs are defined yet.");
return 0;
