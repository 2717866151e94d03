using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AssetRegistry.Domain.Analysis;

/// <summary>
/// A number the walking-distance coverage (<see cref="WalkingCoverageAnalysis"/>) depends on, kept as data with its
/// source or assumption so that planners see it beside the figure and an admin can change it without a release.
/// </summary>
public sealed class CoverageParameter
{
    /// <summary>How far from a park's boundary a street vertex may lie and still be an entrance (metres).</summary>
    public const string EntranceSnapCode = "walking_entrance_snap_m";

    /// <summary>Half-width of the walking corridor around reached streets (metres).</summary>
    public const string CorridorHalfWidthCode = "walking_corridor_half_width_m";

    public int Id { get; internal set; }
    public string Code { get; internal set; } = "";
    /// <summary>The value, in <see cref="Unit"/>.</summary>
    public double Value { get; internal set; }
    public string Unit { get; internal set; } = "";
    public string Source { get; internal set; } = "";
    public string Verification { get; internal set; } = "unverified";

    internal CoverageParameter() { }

    public CoverageParameter(string code, double value, string unit, string source, string verification)
    {
        Code = code; Value = value; Unit = unit; Source = source; Verification = verification;
    }

    /// <summary>The defaults; both are assumptions of this registry, not numbers from a standard.</summary>
    public static IReadOnlyList<CoverageParameter> Defaults { get; } =
    [
        new(EntranceSnapCode, 100, "m",
            "Assumption: park gates are not in the registry, so a park's entrances are the street vertices (junctions) within this distance of " +
            "its boundary, the walk from the boundary to each costing its straight distance; a park with none uses its nearest vertex. 100 m " +
            "reaches the corners of a 150 m block from a park that fills half of it.", "assumption"),
        new(CorridorHalfWidthCode, 50, "m",
            "Assumption: residential land within this distance of a reached street counts as reached (the walk from the street to a building " +
            "or a compound gate). Research on network service areas uses 50-100 m corridors; 50 m is the conservative end. DOMAIN.md §4.1 " +
            "names network distance (caupd 均好度) without a corridor width.", "assumption"),
    ];
}

public sealed class CoverageParameterConfiguration : IEntityTypeConfiguration<CoverageParameter>
{
    public void Configure(EntityTypeBuilder<CoverageParameter> b)
    {
        b.ToTable("coverage_parameters", t => t.HasCheckConstraint("ck_coverage_parameters_value", "value >= 0"));
        b.HasKey(p => p.Id);
        b.HasIndex(p => p.Code).IsUnique();
        b.Property(p => p.Code).HasMaxLength(60).IsRequired();
        b.Property(p => p.Unit).HasMaxLength(20).IsRequired();
        b.Property(p => p.Verification).HasMaxLength(20).IsRequired();
    }
}
