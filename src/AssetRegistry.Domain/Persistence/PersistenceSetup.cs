using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace AssetRegistry.Domain.Persistence;

/// <summary>How every entry point (web, jobs, seed, tests, design-time tools) opens the registry database.</summary>
public static class PersistenceSetup
{
    /// <summary>Name of the connection string (environment: <c>ConnectionStrings__AssetRegistry</c>).</summary>
    public const string ConnectionName = "AssetRegistry";

    /// <summary>A data source with PostGIS (NetTopologySuite) and dynamic JSON mapping enabled.</summary>
    public static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNetTopologySuite();
        builder.EnableDynamicJson();
        return builder.Build();
    }

    /// <summary>Configures EF Core for the registry on an existing data source.</summary>
    public static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, o =>
        {
            o.UseNetTopologySuite();
            o.MigrationsHistoryTable("__ef_migrations_history");
        });
}

/// <summary>Used by <c>dotnet ef</c> only; reads <c>ConnectionStrings__AssetRegistry</c> or a local default.</summary>
public sealed class DesignTimeRegistryDbContextFactory : IDesignTimeDbContextFactory<RegistryDbContext>
{
    public RegistryDbContext CreateDbContext(string[] args)
    {
        var cs = Environment.GetEnvironmentVariable("ConnectionStrings__" + PersistenceSetup.ConnectionName)
                 ?? "Host=127.0.0.1;Port=55432;Database=assetregistry_design;Username=assetregistry";
        var options = new DbContextOptionsBuilder<RegistryDbContext>();
        PersistenceSetup.Configure(options, PersistenceSetup.BuildDataSource(cs));
        return new RegistryDbContext(options.Options);
    }
}
