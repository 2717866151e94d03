using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Districts;
using AssetRegistry.Domain.History;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Users;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AssetRegistry.Domain.Persistence;

/// <summary>The registry's EF Core context: asset kinds, districts, history and Identity users, in one database.</summary>
public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options)
    : IdentityDbContext<RegistryUser>(options)
{
    /// <summary>Sequence shared by every asset table so that an id names one asset across kinds.</summary>
    public const string AssetIdSequence = "asset_id_seq";

    public DbSet<District> Districts => Set<District>();
    public DbSet<AssetChange> AssetChanges => Set<AssetChange>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.HasPostgresExtension("postgis");
        b.HasPostgresExtension("pgrouting"); // the walking-distance park coverage (Analysis/WalkingCoverageAnalysis)
        b.HasSequence<long>(AssetIdSequence);
        b.ApplyConfigurationsFromAssembly(typeof(RegistryDbContext).Assembly);

        b.Entity<District>(d =>
        {
            d.ToTable("districts");
            d.HasKey(x => x.Adcode);
            d.Property(x => x.Adcode).HasMaxLength(6);
            d.Property(x => x.Name).HasMaxLength(40).IsRequired();
            d.Property(x => x.Geometry).HasColumnType("geometry(MultiPolygon,4326)").IsRequired();
            d.HasIndex(x => x.Geometry).HasMethod("gist");
        });
        b.Entity<AssetChange>(c =>
        {
            c.ToTable("asset_changes");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).UseIdentityAlwaysColumn();
            c.Property(x => x.Collection).HasMaxLength(40).IsRequired();
            c.Property(x => x.Operation).HasMaxLength(10).IsRequired();
            c.Property(x => x.ChangedBy).HasMaxLength(100).IsRequired();
            c.Property(x => x.AssetIds).HasColumnType("int8multirange");
            c.HasIndex(x => new { x.AssetId, x.Id });
            // An import's row for the assets it inserted is found by any of their ids.
            c.HasIndex(x => x.AssetIds).HasMethod("gist").HasFilter("asset_ids is not null");
            c.ToTable(t => t.HasCheckConstraint("CK_asset_changes_one_asset_or_import", "(asset_id is null) <> (asset_ids is null)"));
        });

        // snake_case for every asset-kind table, the same names the API and the SQL use.
        foreach (var kind in AssetKinds.All)
        {
            var entity = b.Entity(kind.EntityType);
            foreach (var p in entity.Metadata.GetProperties())
                p.SetColumnName(AttributeDefinition.ToSnakeCase(p.Name));
        }
        foreach (var t in new[] { typeof(District), typeof(AssetChange), typeof(InspectionRule), typeof(InspectionTask), typeof(Crew),
                     typeof(WorkList), typeof(Campaign), typeof(Alert), typeof(Analysis.ParkServiceRule), typeof(Analysis.CoverageTarget),
                     typeof(Analysis.CoverageParameter), typeof(Streets.Street), typeof(Streets.StreetVertex) })
            foreach (var p in b.Entity(t).Metadata.GetProperties())
                p.SetColumnName(AttributeDefinition.ToSnakeCase(p.Name));
    }
}
