using AssetRegistry.Domain.Districts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetTopologySuite.Geometries;

namespace AssetRegistry.Domain.Streets;

/// <summary>
/// A street centreline piece between two junctions, the walking network of the park-coverage analysis. Not an asset
/// kind: streets are reference data loaded in bulk (the seed city, or a bureau's road centrelines), never edited
/// through the API. <see cref="Source"/> and <see cref="Target"/> are the routing-graph vertices (<see cref="StreetVertex"/>)
/// that <see cref="StreetNetwork.BuildTopologyAsync(Npgsql.NpgsqlConnection, Npgsql.NpgsqlTransaction, CancellationToken)"/> assigns;
/// null until then.
/// </summary>
public sealed class Street
{
    public long Id { get; internal set; }
    public string? Name { get; internal set; }
    /// <summary>arterial, secondary or branch (the seed's classes; free text for imported data).</summary>
    public string RoadClass { get; internal set; } = "";
    /// <summary>Adcode of the district the piece lies in, when known.</summary>
    public string? District { get; internal set; }
    /// <summary>WGS 84 centreline (SRID 4326), one piece between two junctions.</summary>
    public LineString Geometry { get; internal set; } = null!;
    /// <summary>Geodesic length, metres: the routing cost of walking the piece in either direction.</summary>
    public double LengthM { get; internal set; }
    /// <summary>Routing vertex at the first point; null before the topology is built.</summary>
    public long? Source { get; internal set; }
    /// <summary>Routing vertex at the last point; null before the topology is built.</summary>
    public long? Target { get; internal set; }

    internal Street() { }
}

/// <summary>A junction or dead end of the street network: a routing-graph vertex (WGS 84 point, SRID 4326).</summary>
public sealed class StreetVertex
{
    public long Id { get; internal set; }
    /// <summary>WGS 84 point (SRID 4326).</summary>
    public Point Geometry { get; internal set; } = null!;

    internal StreetVertex() { }
}

public sealed class StreetConfiguration : IEntityTypeConfiguration<Street>
{
    public void Configure(EntityTypeBuilder<Street> b)
    {
        b.ToTable("streets", t => t.HasCheckConstraint("ck_streets_length", "length_m > 0"));
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).UseIdentityByDefaultColumn();
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.RoadClass).HasMaxLength(20).IsRequired();
        b.Property(s => s.District).HasMaxLength(6);
        b.HasOne<District>().WithMany().HasForeignKey(s => s.District).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.Geometry).HasColumnType("geometry(LineString,4326)").IsRequired();
        b.HasIndex(s => s.Geometry).HasMethod("gist");
        b.HasIndex(s => s.Source);
        b.HasIndex(s => s.Target);
    }
}

public sealed class StreetVertexConfiguration : IEntityTypeConfiguration<StreetVertex>
{
    public void Configure(EntityTypeBuilder<StreetVertex> b)
    {
        b.ToTable("street_vertices");
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        b.Property(v => v.Geometry).HasColumnType("geometry(Point,4326)").IsRequired();
        b.HasIndex(v => v.Geometry).HasMethod("gist");
    }
}
