namespace AssetRegistry.Domain.Standards;

/// <summary>Whether a CJJ 181 defect is structural (结构性) or functional (功能性).</summary>
public enum SewerDefectKind { Structural, Functional }

/// <summary>One CJJ 181-2012 defect type with its score per grade 1–4 (null where the grade does not exist).</summary>
public sealed record SewerDefectType(string Code, string NameZh, string NameEn, SewerDefectKind Kind, IReadOnlyList<double?> Scores,
    bool CountsInAssessment = true)
{
    /// <summary>The score (分值) of a grade 1–4; throws for a grade the defect does not have.</summary>
    public double ScoreOf(int grade) =>
        grade is >= 1 and <= 4 && Scores[grade - 1] is { } s
            ? s
            : throw new ArgumentOutOfRangeException(nameof(grade), $"{Code} has no grade {grade}.");
}

/// <summary>
/// The CJJ 181-2012 defect codes and scores (DOMAIN.md §2.1, tagged [V]: a public SQL schema's defect_grade table,
/// structural scores confirmed by a Django model citing 表8.2.3).
/// </summary>
public static class SewerDefectCatalogue
{
    public static readonly Provenance Provenance = new("CJJ 181-2012 表8.2.3 / 表8.3.2 as implemented in public code (DOMAIN.md §2.1)", Verification.Verified);

    public static readonly IReadOnlyList<SewerDefectType> All =
    [
        new("PL", "破裂", "fracture", SewerDefectKind.Structural, [0.5, 2, 5, 10]),
        new("BX", "变形", "deformation", SewerDefectKind.Structural, [1, 2, 5, 10]),
        new("FS", "腐蚀", "corrosion", SewerDefectKind.Structural, [0.5, 2, 5, null]),
        new("CK", "错口", "offset joint", SewerDefectKind.Structural, [0.5, 2, 5, 10]),
        new("QF", "起伏", "sag", SewerDefectKind.Structural, [0.5, 2, 5, 10]),
        new("TJ", "脱节", "disjoint", SewerDefectKind.Structural, [1, 3, 5, 10]),
        new("TL", "接口材料脱落", "joint-material intrusion", SewerDefectKind.Structural, [1, 3, null, null]),
        new("AJ", "支管暗接", "concealed lateral connection", SewerDefectKind.Structural, [0.5, 2, 5, null]),
        new("CR", "异物穿入", "foreign-object penetration", SewerDefectKind.Structural, [0.5, 2, 5, null]),
        new("SL", "渗漏", "infiltration", SewerDefectKind.Structural, [0.5, 2, 5, 10]),
        new("CJ", "沉积", "sediment", SewerDefectKind.Functional, [0.5, 2, 5, 10]),
        new("JG", "结垢", "scale", SewerDefectKind.Functional, [0.5, 2, 5, 10]),
        new("ZW", "障碍物", "obstacle", SewerDefectKind.Functional, [0.1, 2, 5, 10]),
        new("CQ", "残墙、坝根", "residual wall", SewerDefectKind.Functional, [1, 3, 5, 10]),
        new("SG", "树根", "roots", SewerDefectKind.Functional, [0.5, 2, 5, 10]),
        // 浮渣 is logged but "不参与计算" (does not take part in the calculation).
        new("FZ", "浮渣", "floating scum", SewerDefectKind.Functional, [0, 0, 0, null], CountsInAssessment: false),
    ];

    /// <summary>The defect type with this code (case-sensitive, as in the standard), or null.</summary>
    public static SewerDefectType? Find(string code) => All.FirstOrDefault(d => d.Code == code);
}
