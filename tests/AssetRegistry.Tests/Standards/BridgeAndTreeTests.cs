using AssetRegistry.Domain.Standards;

namespace AssetRegistry.Tests.Standards;

/// <summary>CJJ 99 BCI against DOMAIN.md §1.4, and the ancient-tree grade schemes of §3.1.</summary>
public sealed class BridgeAndTreeTests
{
    [Theory]
    [InlineData(new double[] { 35, 25 }, 46.49)]
    [InlineData(new double[] { 40, 25, 20 }, 56.31)]
    [InlineData(new double[] { 20 }, 20)]
    [InlineData(new double[] { }, 0)]
    public void CombineDeductions_DiminishingIncrements(double[] deductions, double expected) =>
        Assert.Equal(expected, BridgeConditionIndex.CombineDeductions(deductions), 2);

    [Fact]
    public void IllustrativeCase_Bci86725_IsGradeB()
    {
        var r = BridgeConditionIndex.Assess(BridgeWeightClass.General,
        [
            new("deck", 0, "桥面铺装", [20]), new("deck", 0, "伸缩装置", [35]),
            new("span", 0, "主梁", [25]),
            new("pier", 0, "墩身", [20]), new("pier", 0, "支座", [35]),
        ], spans: 1, piers: 1, abutments: 0);
        Assert.Equal(85.25, r.BciDeck, 10);
        Assert.Equal(85.00, r.BciSuperstructure, 10);
        Assert.Equal(88.75, r.BciSubstructure, 10);
        Assert.Equal(86.725, r.Bci, 10);
        Assert.Equal("B", r.BciGrade);
        // The worst structural member (支座, 35) gives BSI 65 → D; the conservative rule grades the bridge D.
        Assert.Equal(65, r.Bsi, 10);
        Assert.Equal("D", r.Grade);
        var lenient = BridgeConditionIndex.Assess(BridgeWeightClass.General,
            [new("span", 0, "主梁", [25]), new("pier", 0, "支座", [35])], 1, 1, 0, BridgeConditionRules.Default with { GradeIsWorseOfBciAndBsi = false });
        Assert.Equal(lenient.BciGrade, lenient.Grade);
    }

    [Fact]
    public void Spans_AreAveraged()
    {
        var r = BridgeConditionIndex.Assess(BridgeWeightClass.General, [new("span", 1, "主梁", [50])], spans: 2, piers: 0, abutments: 0);
        Assert.Equal((100 + (100 - 0.6 * 50)) / 2, r.BciSuperstructure, 10);
    }

    [Theory]
    [InlineData(90, "A")]
    [InlineData(89.99, "B")]
    [InlineData(80, "B")]
    [InlineData(66, "C")]
    [InlineData(65.9, "D")]
    [InlineData(50, "D")]
    [InlineData(49.9, "E")]
    public void ConditionGrades_Bands(double bci, string grade) => Assert.Equal(grade, BridgeConditionRules.Default.ConditionGrades.Classify(bci).Grade);

    [Fact]
    public void UnknownElement_IsRefused() =>
        Assert.Throws<ArgumentException>(() => BridgeConditionIndex.Assess(BridgeWeightClass.General, [new("deck", 0, "灯杆", [10])], 1, 0, 0));

    [Theory]
    [InlineData("national_3tier", 520, false, "grade_1")]
    [InlineData("national_3tier", 500, false, "grade_1")]
    [InlineData("national_3tier", 499, false, "grade_2")]
    [InlineData("national_3tier", 300, false, "grade_2")]
    [InlineData("national_3tier", 100, false, "grade_3")]
    [InlineData("national_3tier", 60, false, "reserve")]
    [InlineData("national_3tier", 30, true, "famous")]
    [InlineData("urban_2tier", 350, false, "grade_1")]
    [InlineData("urban_2tier", 299, false, "grade_2")]
    public void TreeGrade_ByScheme(string scheme, int age, bool famous, string grade) =>
        Assert.Equal(grade, TreeGradeSchemes.GradeOf(TreeGradeSchemes.All.Single(s => s.Id == scheme), age, famous));
}
