using AssetRegistry.Domain.Analysis;
using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Tiles;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace AssetRegistry.Web.Infrastructure;

/// <summary>
/// The web process's two data sources: <see cref="Primary"/> for every write and every read that must see the
/// caller's own write (a feature and its ETag, EF Core, history), and <see cref="Read"/> for the reads that tolerate
/// the replication delay. <see cref="Read"/> is the primary itself when no replica is configured.
/// </summary>
public sealed class RegistryDataSources(NpgsqlDataSource primary, NpgsqlDataSource read)
{
    public NpgsqlDataSource Primary { get; } = primary;
    public NpgsqlDataSource Read { get; } = read;

    /// <summary>True when reads go to a server of their own.</summary>
    public bool HasReplica => !ReferenceEquals(Primary, Read);

    /// <summary>Closes the idle connections of both pools (after an outage they are dead sockets).</summary>
    public void ClearPools()
    {
        Primary.Clear();
        if (HasReplica) Read.Clear();
    }
}

/// <summary>
/// Sends the heavy, lag-tolerant reads to a PostgreSQL streaming replica named by
/// <c>ConnectionStrings__AssetRegistryRead</c> (blank: everything stays on the primary). On the replica: item pages,
/// vector tiles (each tile carries the version it was made at, so a lagging replica never gets a tile cached under a
/// newer version), sewer traces, the topology report and both park coverage analyses (each one read-only statement,
/// pgRouting included). On the primary: writes, and single features with their ETags.
/// </summary>
public static class ReadReplica
{
    /// <summary>Name of the read connection string (environment: <c>ConnectionStrings__AssetRegistryRead</c>).</summary>
    public const string ConnectionName = "AssetRegistryRead";

    /// <summary>Application names the two pools announce (pg_stat_activity), unless the connection string names one.</summary>
    public const string PrimaryApplicationName = "assetregistry-web";
    public const string ReadApplicationName = "assetregistry-web-read";

    public static WebApplicationBuilder AddReadReplica(this WebApplicationBuilder builder, NpgsqlDataSource primary, DatabaseOptions database)
    {
        var readCs = builder.Configuration.GetConnectionString(ConnectionName);
        var read = string.IsNullOrWhiteSpace(readCs)
            ? primary
            : PersistenceSetup.BuildDataSource(Named(database.WithConnectTimeout(readCs), ReadApplicationName));
        var sources = new RegistryDataSources(primary, read);
        builder.Services.AddSingleton(sources);
        builder.Services.Replace(ServiceDescriptor.Singleton(_ => new FeatureReader(sources.Primary, sources.Read)));
        builder.Services.Replace(ServiceDescriptor.Singleton(_ => new VectorTiles(sources.Read)));
        builder.Services.Replace(ServiceDescriptor.Singleton(_ => new SewerNetworkTrace(sources.Read)));
        builder.Services.Replace(ServiceDescriptor.Singleton(sp => new SewerTopologyReport(sources.Read, sp.GetRequiredService<RegistryRules>())));
        builder.Services.Replace(ServiceDescriptor.Singleton(_ => new ParkCoverageAnalysis(sources.Read)));
        builder.Services.Replace(ServiceDescriptor.Singleton(_ => new WalkingCoverageAnalysis(sources.Read)));
        return builder;
    }

    /// <summary>The connection string with <paramref name="applicationName"/> unless it already names one.</summary>
    public static string Named(string connectionString, string applicationName)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(b.ApplicationName)) b.ApplicationName = applicationName;
        return b.ConnectionString;
    }
}
