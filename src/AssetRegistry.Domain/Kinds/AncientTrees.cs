using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;

namespace AssetRegistry.Domain.Kinds;

/// <summary>古树名木: an ancient or famous tree.</summary>
public sealed class AncientTree : Asset
{
    public string Species { get; internal set; } = "";
    public string? SpeciesLatin { get; internal set; }
    public int? EstimatedAgeYears { get; internal set; }
    /// <summary>Protection grade: grade_1 (≥ 500 a), grade_2, grade_3, famous (名木), reserve (后备资源).</summary>
    public string? ProtectionGrade { get; internal set; }
    public string? TagNumber { get; internal set; }
    public double? GirthCm { get; internal set; }
    public double? HeightM { get; internal set; }
    public double? CrownSpreadM { get; internal set; }
    /// <summary>生长势 vigour class.</summary>
    public string? Vigour { get; internal set; }
}

public sealed class AncientTreeKind : AssetKind<AncientTree>
{
    public static readonly IReadOnlyList<string> ProtectionGrades = ["grade_1", "grade_2", "grade_3", "famous", "reserve"];
    public static readonly IReadOnlyList<string> VigourClasses = ["normal", "weak", "endangered", "dead"];

    public override string CollectionId => "ancient_trees";
    public override string CodePrefix => "AT";
    public override string TitleZh => "古树名木";
    public override string TitleEn => "Ancient and famous trees";
    public override IReadOnlyList<string> GeometryTypes => ["Point"];
    public override string ColumnType => "geometry(Point,4326)";
    public override IReadOnlyList<string> TileAttributes => ["protection_grade", "species"];

    protected override void Describe(AttributeSchema<AncientTree> s) => s
        .Text(t => t.Species, "树种", "Species", maxLength: 60, required: true)
        .Text(t => t.SpeciesLatin, "学名", "Latin name", maxLength: 100)
        .Integer(t => t.EstimatedAgeYears, "估测树龄", "Estimated age", 1, 5000, "a")
        .Enumeration(t => t.ProtectionGrade, "保护等级", "Protection grade", ProtectionGrades)
        .Text(t => t.TagNumber, "挂牌编号", "Tag number", maxLength: 40)
        .Number(t => t.GirthCm, "胸围", "Girth", 1, 5000, "cm")
        .Number(t => t.HeightM, "树高", "Height", 0.5, 120, "m")
        .Number(t => t.CrownSpreadM, "冠幅", "Crown spread", 0, 100, "m")
        .Enumeration(t => t.Vigour, "生长势", "Vigour", VigourClasses);
}

public sealed class AncientTreeConfiguration() : AssetConfiguration<AncientTree>(new AncientTreeKind());
