using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Districts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AssetRegistry.Domain.Persistence;

/// <summary>
/// Maps the columns every kind shares; a kind's configuration derives from it and adds its own. Column names
/// are snake_case (set for the whole model in <see cref="RegistryDbContext"/>).
/// </summary>
public abstract class AssetConfiguration<T>(AssetKind kind) : IEntityTypeConfiguration<T> where T : Asset
{
    public virtual void Configure(EntityTypeBuilder<T> b)
    {
        b.ToTable(kind.Table);
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).HasDefaultValueSql($"nextval('{RegistryDbContext.AssetIdSequence}')").ValueGeneratedOnAdd();
        b.Property(a => a.Code).HasMaxLength(40).IsRequired();
        b.HasIndex(a => a.Code).IsUnique();
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.District).HasMaxLength(6).IsRequired();
        b.HasIndex(a => a.District);
        b.HasOne<District>().WithMany().HasForeignKey(a => a.District).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.Status).HasMaxLength(20).IsRequired();
        b.HasIndex(a => a.Status);
        b.Property(a => a.Condition).HasMaxLength(20).IsRequired();
        b.Property(a => a.Owner).HasMaxLength(200);
        b.Property(a => a.Geometry).HasColumnType(kind.ColumnType).IsRequired();
        b.HasIndex(a => a.Geometry).HasMethod("gist");
        b.Property(a => a.CreatedBy).HasMaxLength(100).IsRequired();
        b.Property(a => a.UpdatedBy).HasMaxLength(100).IsRequired();
        b.Property(a => a.Version).IsConcurrencyToken();
        foreach (var a in kind.Attributes.Where(a => a.Type == AttributeType.Enumeration && a.Property.DeclaringType == typeof(T)))
            b.Property(a.Property.Name).HasMaxLength(40);
    }
}
