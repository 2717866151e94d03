namespace AssetRegistry.Domain.Standards;

/// <summary>
/// Protection grade of an ancient tree from its estimated age, under a configurable scheme (DOMAIN.md §3.1):
/// <c>national_3tier</c> (福建省古树名木保护管理办法 2003 第四条: ≥ 500 a grade 1, 300–499 grade 2, 100–299 grade 3;
/// 50–99 reserve in many local rules) or <c>urban_2tier</c> (建设部 2000: ≥ 300 grade 1, 100–299 grade 2).
/// A 名木 (famous tree) is famous at any age.
/// </summary>
public static class TreeGradeSchemes
{
    public sealed record Scheme(string Id, GradeBands Bands);

    public static readonly Scheme National3Tier = new("national_3tier", new(
    [
        GradeBand.AtLeast("grade_1", 500, "国家一级古树"), GradeBand.AtLeast("grade_2", 300, "国家二级古树"),
        GradeBand.AtLeast("grade_3", 100, "国家三级古树"), GradeBand.AtLeast("reserve", 50, "古树后备资源"),
        GradeBand.Otherwise("none", "非古树"),
    ], new("福建省古树名木保护管理办法 (2003) 第四条; reserve 50–99 a per local rules (DOMAIN.md §3.1)", Verification.Verified)));

    public static readonly Scheme Urban2Tier = new("urban_2tier", new(
    [
        GradeBand.AtLeast("grade_1", 300, "一级古树"), GradeBand.AtLeast("grade_2", 100, "二级古树"), GradeBand.Otherwise("none", "非古树"),
    ], new("建设部《城市古树名木保护管理办法》(2000) (DOMAIN.md §3.1)", Verification.Verified)));

    public static readonly IReadOnlyList<Scheme> All = [National3Tier, Urban2Tier];

    /// <summary>The grade for a tree of <paramref name="ageYears"/>; "famous" for a 名木 whatever its age.</summary>
    public static string GradeOf(Scheme scheme, int ageYears, bool isFamous) =>
        isFamous ? "famous" : scheme.Bands.Classify(ageYears).Grade;
}
