using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;

namespace AssetRegistry.Domain.Tiles;

/// <summary>
/// The data version of one collection: a counter raised by every write to the collection, in the write's own
/// transaction. Vector-tile URLs carry it (<c>?v=12</c>), so a tile fetched for one version can be cached for
/// good and an edit makes every client ask for new tiles. A collection without a row has version 0.
/// </summary>
public sealed class CollectionVersion
{
    /// <summary>The collection id, e.g. <c>manholes</c>.</summary>
    public string Collection { get; private set; } = "";

    /// <summary>Raised by one on every write; starts at 1 with the first.</summary>
    public long Version { get; private set; }
}

/// <summary>Maps <see cref="CollectionVersion"/> to <c>collection_versions(collection text primary key, version bigint)</c>.</summary>
public sealed class CollectionVersionConfiguration : IEntityTypeConfiguration<CollectionVersion>
{
    public void Configure(EntityTypeBuilder<CollectionVersion> b)
    {
        b.ToTable("collection_versions");
        b.HasKey(v => v.Collection);
        b.Property(v => v.Collection).HasColumnName("collection").HasColumnType("text");
        b.Property(v => v.Version).HasColumnName("version");
    }
}

/// <summary>Raises collection versions; see <see cref="CollectionVersion"/>.</summary>
public static class CollectionVersions
{
    /// <summary>One upsert for any number of collections: a missing row starts at 1, an existing one goes up by 1.
    /// Row locks serialise concurrent writers of the same collection until they commit.</summary>
    public const string BumpSql = """
        insert into collection_versions (collection, version)
        select c, 1 from unnest($1::text[]) as c
        on conflict (collection) do update set version = collection_versions.version + 1
        """;

    /// <summary>Raises the version of each of <paramref name="collections"/> by one, inside the transaction open
    /// on <paramref name="connection"/> (if any), so the new version becomes visible exactly with the write.</summary>
    public static async Task BumpAsync(NpgsqlConnection connection, IReadOnlyList<string> collections, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(BumpSql, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = collections.ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
