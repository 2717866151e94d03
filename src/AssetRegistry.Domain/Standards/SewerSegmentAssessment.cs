namespace AssetRegistry.Domain.Standards;

/// <summary>A defect observed in a CCTV survey: code, grade 1–4, position of its start from the upstream end and
/// its length along the pipe, both in metres.</summary>
public sealed record SewerDefectObservation(string Code, int Grade, double PositionM, double LengthM);

/// <summary>What the assessment needs to know about the segment besides its defects.</summary>
/// <param name="LengthM">Segment length L, metres (&gt; 0).</param>
/// <param name="DiameterMm">Nominal diameter D, millimetres.</param>
/// <param name="AreaImportance">K class code (<see cref="SewerAssessmentRules.AreaImportance"/>).</param>
/// <param name="Soil">T class code (<see cref="SewerAssessmentRules.SoilInfluence"/>).</param>
public sealed record SewerSegmentContext(double LengthM, double DiameterMm, string AreaImportance, string Soil);

/// <summary>The structural (S, Smax, F, S_M, RI) and functional (Y, Ymax, G, Y_M, MI) results with grades.</summary>
public sealed record SewerAssessmentResult(
    double S, double SMax, double F, double SM, string StructuralGrade, string StructuralDensity, double RI, string RepairGrade, string RepairScope,
    double Y, double YMax, double G, double YM, string FunctionalGrade, string FunctionalDensity, double MI, string MaintenanceGrade,
    int StructuralDefectsCounted, int FunctionalDefectsCounted);

/// <summary>
/// CJJ 181-2012 segment assessment. Choices where the standard was not read (DOMAIN.md §2.2, [U]), documented:
/// <list type="bullet">
/// <item>Defects are sorted by position; a defect whose clear distance to the previous one is at most 1 m joins it:
/// scores add, capped at 10, extents unite ("same 1 m of pipe").</item>
/// <item>A defect (after joining) is in n2 (α applies) when its smaller clear distance to a neighbour is in (1.0, 1.5] m,
/// otherwise in n1. α applies to the structural S and S_M only, not to the functional Y.</item>
/// <item>A defect shorter than 1 m counts as 1 m in S_M and Y_M.</item>
/// <item>K and E are 0 when F &lt; 4 for RI, and when G &lt; 4 for MI; T is 0 when F = 0.</item>
/// </list>
/// Pure arithmetic: no I/O.
/// </summary>
public static class SewerSegmentAssessment
{
    private sealed record Scored(double Start, double End, double Score);

    public static SewerAssessmentResult Assess(SewerSegmentContext segment, IEnumerable<SewerDefectObservation> observations,
        SewerAssessmentRules? rules = null)
    {
        rules ??= SewerAssessmentRules.Default;
        if (segment.LengthM <= 0) throw new ArgumentOutOfRangeException(nameof(segment), "The segment length must be positive.");
        var defects = observations.Select(o => (Observation: o, Type: SewerDefectCatalogue.Find(o.Code)
            ?? throw new ArgumentException($"Unknown CJJ 181 defect code '{o.Code}'.", nameof(observations)))).ToList();

        var structural = Join(defects.Where(d => d.Type.Kind == SewerDefectKind.Structural && d.Type.CountsInAssessment), rules);
        var functional = Join(defects.Where(d => d.Type.Kind == SewerDefectKind.Functional && d.Type.CountsInAssessment), rules);
        var L = segment.LengthM;

        // Structural: S with α for n2, F = max(S, Smax), density S_M.
        var alphaOf = AlphaFactors(structural, rules);
        var n = structural.Count;
        var s = n == 0 ? 0 : structural.Select((d, i) => alphaOf[i] * d.Score).Sum() / n;
        var sMax = n == 0 ? 0 : structural.Max(d => d.Score);
        var f = Math.Max(s, sMax);
        var sM = s == 0 ? 0 : structural.Select((d, i) => alphaOf[i] * d.Score * Length(d, rules)).Sum() / (s * L);

        // Functional: plain mean Y, G = max(Y, Ymax), density Y_M.
        var m = functional.Count;
        var y = m == 0 ? 0 : functional.Average(d => d.Score);
        var yMax = m == 0 ? 0 : functional.Max(d => d.Score);
        var g = Math.Max(y, yMax);
        var yM = y == 0 ? 0 : functional.Sum(d => d.Score * Length(d, rules)) / (y * L);

        var k = Choice(rules.AreaImportance, segment.AreaImportance, "area importance (K)");
        var e = rules.PipeImportanceOf(segment.DiameterMm);
        var t = f == 0 ? 0 : Choice(rules.SoilInfluence, segment.Soil, "soil (T)");
        var (wF, wK, wE, wT) = rules.RepairIndexWeights;
        var structuralImportance = f >= rules.ImportanceAppliesFrom;
        var ri = wF * f + (structuralImportance ? wK * k + wE * e : 0) + wT * t;
        var (mG, mK, mE) = rules.MaintenanceIndexWeights;
        var functionalImportance = g >= rules.ImportanceAppliesFrom;
        var mi = mG * g + (functionalImportance ? mK * k + mE * e : 0);

        var structuralDensity = rules.DensityClasses.Classify(sM).Grade;
        return new SewerAssessmentResult(
            s, sMax, f, sM, rules.DefectParameterGrades.Classify(f).Grade, structuralDensity, ri, rules.IndexGrades.Classify(ri).Grade,
            RepairScope(ri, f, sM),
            y, yMax, g, yM, rules.DefectParameterGrades.Classify(g).Grade, rules.DensityClasses.Classify(yM).Grade, mi,
            rules.IndexGrades.Classify(mi).Grade, n, m);
    }

    /// <summary>Repair scope as one implementation applies it ([P], DOMAIN.md §2.2): none, local or full-length.</summary>
    private static string RepairScope(double ri, double f, double sM) =>
        ri <= 1 || (ri <= 4 && f <= 3) ? "none" : sM < 0.1 ? "local" : "full";

    private static double Length(Scored d, SewerAssessmentRules rules) => Math.Max(d.End - d.Start, rules.MinimumDefectLengthM);

    private static List<Scored> Join(IEnumerable<(SewerDefectObservation Observation, SewerDefectType Type)> defects, SewerAssessmentRules rules)
    {
        var joined = new List<Scored>();
        foreach (var (o, type) in defects.OrderBy(d => d.Observation.PositionM))
        {
            var current = new Scored(o.PositionM, o.PositionM + Math.Max(0, o.LengthM), type.ScoreOf(o.Grade));
            if (joined.Count > 0 && current.Start - joined[^1].End <= rules.MergeWithinM)
            {
                var last = joined[^1];
                joined[^1] = new Scored(last.Start, Math.Max(last.End, current.End), Math.Min(rules.MergedScoreCap, last.Score + current.Score));
            }
            else joined.Add(current);
        }
        return joined;
    }

    private static double[] AlphaFactors(List<Scored> defects, SewerAssessmentRules rules)
    {
        var factors = new double[defects.Count];
        for (var i = 0; i < defects.Count; i++)
        {
            var gaps = new List<double>();
            if (i > 0) gaps.Add(defects[i].Start - defects[i - 1].End);
            if (i + 1 < defects.Count) gaps.Add(defects[i + 1].Start - defects[i].End);
            var nearest = gaps.Count == 0 ? double.PositiveInfinity : gaps.Min();
            factors[i] = nearest > rules.AlphaLowerExclusiveM && nearest <= rules.AlphaUpperInclusiveM ? rules.Alpha : 1.0;
        }
        return factors;
    }

    private static double Choice(IReadOnlyList<ParameterChoice> table, string code, string what) =>
        table.FirstOrDefault(c => c.Code == code)?.Value
        ?? throw new ArgumentException($"Unknown {what} class '{code}'; expected one of {string.Join(", ", table.Select(c => c.Code))}.");
}
