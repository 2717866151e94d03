using AssetRegistry.Domain.Standards;

namespace AssetRegistry.Tests.Standards;

/// <summary>CJJ 181-2012 segment assessment against the worked cases of DOMAIN.md §2.4.</summary>
public sealed class SewerSegmentAssessmentTests
{
    private static SewerDefectObservation D(string code, int grade, double at, double length = 0.3) => new(code, grade, at, length);

    /// <summary>Case A: D = 800 mm, L = 40 m, trunk road (K = 6), ordinary soil; all defects more than 1.5 m apart.</summary>
    private static SewerAssessmentResult CaseA() => SewerSegmentAssessment.Assess(
        new SewerSegmentContext(40, 800, "trunk_road", "ordinary"),
        [D("PL", 3, 2), D("TJ", 2, 6), D("FS", 1, 10, 6), D("CJ", 2, 20, 8), D("SG", 3, 32)]);

    [Fact]
    public void CaseA_Structural_MatchesTheWorkedFigures()
    {
        var r = CaseA();
        Assert.Equal(2.8333, r.S, 4);
        Assert.Equal(5, r.SMax);
        Assert.Equal(5, r.F);
        Assert.Equal("III", r.StructuralGrade);
        Assert.Equal(0.0971, r.SM, 4);
        Assert.Equal("local", r.StructuralDensity);
        Assert.Equal(4.25, r.RI, 10);
        Assert.Equal("III", r.RepairGrade);
        Assert.Equal("local", r.RepairScope);
    }

    [Fact]
    public void CaseA_Functional_MatchesTheWorkedFigures()
    {
        var r = CaseA();
        Assert.Equal(3.5, r.Y, 10);
        Assert.Equal(5, r.G);
        Assert.Equal("III", r.FunctionalGrade);
        Assert.Equal(0.15, r.YM, 10);
        Assert.Equal(5.05, r.MI, 10);
        Assert.Equal("III", r.MaintenanceGrade);
    }

    [Theory]
    [InlineData("other_road", 500, "mucky_soil", 5.35, "III")]
    [InlineData("other", 500, "ordinary", 3.85, "II")]
    public void CaseB_AlphaForDefects12MetresApart(string area, double diameter, string soil, double ri, string grade)
    {
        // Three PL grade 3 (P = 5), each 1.2 m clear of its neighbour: all in n2, α = 1.1.
        var r = SewerSegmentAssessment.Assess(new SewerSegmentContext(30, diameter, area, soil),
            [D("PL", 3, 5, 0.3), D("PL", 3, 6.5, 0.3), D("PL", 3, 8, 0.3)]);
        Assert.Equal(5.5, r.S, 10);
        Assert.Equal(5.5, r.F, 10);
        Assert.Equal("III", r.StructuralGrade);
        Assert.Equal(ri, r.RI, 10);
        Assert.Equal(grade, r.RepairGrade);
    }

    [Fact]
    public void NoDefects_GradeOneAndZeroIndices()
    {
        var r = SewerSegmentAssessment.Assess(new SewerSegmentContext(40, 1600, "central_business", "mud"), []);
        Assert.Equal((0.0, "I", 0.0, "I", 0.0), (r.F, r.StructuralGrade, r.RI, r.RepairGrade, r.MI));
        Assert.Equal("none", r.RepairScope);
    }

    [Fact]
    public void FBelowFour_ZeroesAreaAndPipeImportance()
    {
        // One PL grade 2 (P = 2): F = 2 < 4, so K = 10 and E = 10 do not count; T still does.
        var r = SewerSegmentAssessment.Assess(new SewerSegmentContext(40, 1600, "central_business", "silty_sand"), [D("PL", 2, 10)]);
        Assert.Equal(0.7 * 2 + 0.15 * 10, r.RI, 10);
    }

    [Fact]
    public void FloatingScum_IsLoggedButNotCounted()
    {
        var r = SewerSegmentAssessment.Assess(new SewerSegmentContext(40, 800, "other", "ordinary"), [D("FZ", 3, 10), D("CJ", 1, 20)]);
        Assert.Equal(1, r.FunctionalDefectsCounted);
        Assert.Equal(0.5, r.G, 10);
    }

    [Theory]
    [InlineData(4, 4, 10, 10)]   // PL 4 (10) + PL 4 (10) within 1 m → capped at 10
    [InlineData(2, 3, 7, 7)]     // PL 2 (2) + PL 3 (5) within 1 m → 7
    public void TwoDefectsWithinOneMetre_AddAndCapAtTen(int gradeA, int gradeB, double expectedSMax, double expectedF)
    {
        var r = SewerSegmentAssessment.Assess(new SewerSegmentContext(40, 800, "other", "ordinary"), [D("PL", gradeA, 10), D("PL", gradeB, 10.8)]);
        Assert.Equal(1, r.StructuralDefectsCounted);
        Assert.Equal(expectedSMax, r.SMax, 10);
        Assert.Equal(expectedF, r.F, 10);
    }

    [Theory]
    [InlineData(1.0, "I")]
    [InlineData(1.01, "II")]
    [InlineData(3.0, "II")]
    [InlineData(6.0, "III")]
    [InlineData(6.01, "IV")]
    public void GradeBands_OfF_AreInclusiveAtTheTop(double f, string grade) =>
        Assert.Equal(grade, SewerAssessmentRules.Default.DefectParameterGrades.Classify(f).Grade);

    [Theory]
    [InlineData(1600, 10)]
    [InlineData(1500, 6)]
    [InlineData(1000, 3)]
    [InlineData(600, 3)]
    [InlineData(599, 0)]
    public void PipeImportance_ByDiameter(double diameter, double e) => Assert.Equal(e, SewerAssessmentRules.Default.PipeImportanceOf(diameter));

    [Fact]
    public void UnknownCode_IsRefused() =>
        Assert.Throws<ArgumentException>(() => SewerSegmentAssessment.Assess(new SewerSegmentContext(40, 800, "other", "ordinary"), [D("XX", 1, 1)]));

    [Fact]
    public void Catalogue_HasTenStructuralAndSixFunctionalCodes()
    {
        Assert.Equal(10, SewerDefectCatalogue.All.Count(d => d.Kind == SewerDefectKind.Structural));
        Assert.Equal(6, SewerDefectCatalogue.All.Count(d => d.Kind == SewerDefectKind.Functional));
        Assert.Equal(0.1, SewerDefectCatalogue.Find("ZW")!.ScoreOf(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SewerDefectCatalogue.Find("FS")!.ScoreOf(4));
    }
}
