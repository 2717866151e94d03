using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AssetRegistry.Domain.Analysis;

/// <summary>
/// Which parks count for 公园绿地服务半径覆盖率 and how far they serve: parks of at least
/// <see cref="MinAreaM2"/> (and under <see cref="MaxAreaM2"/>, if set) serve <see cref="RadiusM"/> metres.
/// </summary>
public sealed class ParkServiceRule
{
    public int Id { get; internal set; }
    public string Code { get; internal set; } = "";
    /// <summary>Smallest park area, square metres (inclusive).</summary>
    public double MinAreaM2 { get; internal set; }
    /// <summary>Largest park area, square metres (exclusive); null for no upper bound.</summary>
    public double? MaxAreaM2 { get; internal set; }
    /// <summary>Service radius, metres.</summary>
    public double RadiusM { get; internal set; }
    public string Source { get; internal set; } = "";
    public string Verification { get; internal set; } = "unverified";
    public bool Active { get; internal set; } = true;

    internal ParkServiceRule() { }

    public ParkServiceRule(string code, double minAreaM2, double? maxAreaM2, double radiusM, string source, string verification)
    {
        Code = code; MinAreaM2 = minAreaM2; MaxAreaM2 = maxAreaM2; RadiusM = radiusM; Source = source; Verification = verification;
    }

    /// <summary>The defaults of issue #5 and DOMAIN.md §4.1.</summary>
    public static IReadOnlyList<ParkServiceRule> Defaults { get; } =
    [
        new("park_5000_plus", 5000, null, 500,
            "GB/T 50563-2010 / 2016 国家园林城市系列标准 as commonly cited: parks ≥ 5000 m² serve 500 m (DOMAIN.md §4.1 [U]; '500米见园' [V])", "unverified"),
        new("park_2000_5000", 2000, 5000, 300,
            "Same standards: parks of 2000–5000 m² serve 300 m (DOMAIN.md §4.1 [U]; '300米见绿' [V])", "unverified"),
    ];
}

/// <summary>A coverage target planners compare against, with its source.</summary>
public sealed class CoverageTarget
{
    public int Id { get; internal set; }
    public string Code { get; internal set; } = "";
    public string TitleZh { get; internal set; } = "";
    public string TitleEn { get; internal set; } = "";
    /// <summary>Minimum coverage, percent.</summary>
    public double Percent { get; internal set; }
    public string Source { get; internal set; } = "";
    public string Verification { get; internal set; } = "unverified";

    internal CoverageTarget() { }

    public CoverageTarget(string code, string titleZh, string titleEn, double percent, string source, string verification)
    {
        Code = code; TitleZh = titleZh; TitleEn = titleEn; Percent = percent; Source = source; Verification = verification;
    }

    /// <summary>The targets of DOMAIN.md §4.1; the source is what the analysis page shows beside the target: the
    /// standard by its title, and where it was read (90 % verified against azoutdoor.com's summary, 80 % not).</summary>
    public static IReadOnlyList<CoverageTarget> Defaults { get; } =
    [
        new("eco_garden_city", "国家生态园林城市", "National ecological garden city", 90, "《国家生态园林城市标准》（转引自 azoutdoor.com）", "verified"),
        new("garden_city", "国家园林城市", "National garden city", 80, "《国家园林城市标准》", "unverified"),
    ];
}

public sealed class ParkServiceRuleConfiguration : IEntityTypeConfiguration<ParkServiceRule>
{
    public void Configure(EntityTypeBuilder<ParkServiceRule> b)
    {
        b.ToTable("park_service_rules");
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.Code).IsUnique();
        b.Property(r => r.Code).HasMaxLength(60).IsRequired();
        b.Property(r => r.Verification).HasMaxLength(20).IsRequired();
        b.ToTable(t => t.HasCheckConstraint("ck_park_service_rules_radius", "radius_m > 0 and radius_m <= 5000 and min_area_m2 >= 0"));
    }
}

public sealed class CoverageTargetConfiguration : IEntityTypeConfiguration<CoverageTarget>
{
    public void Configure(EntityTypeBuilder<CoverageTarget> b)
    {
        b.ToTable("coverage_targets");
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.Code).IsUnique();
        b.Property(r => r.Code).HasMaxLength(60).IsRequired();
        b.Property(r => r.Verification).HasMaxLength(20).IsRequired();
    }
}
