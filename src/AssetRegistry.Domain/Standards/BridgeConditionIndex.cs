namespace AssetRegistry.Domain.Standards;

/// <summary>Deductions (DP, 0–100) observed on one element of one unit: the deck, a span, a pier or an abutment.</summary>
/// <param name="Unit">deck, span, pier or abutment.</param>
/// <param name="UnitIndex">Which span, pier or abutment (0 for the deck).</param>
/// <param name="Element">Element name as in <see cref="BridgeConditionRules.ElementWeights"/>, e.g. 主梁.</param>
/// <param name="Deductions">Deduction points (DP) of the defects seen on the element, each 0–100.</param>
public sealed record ElementDeductions(string Unit, int UnitIndex, string Element, IReadOnlyList<double> Deductions);

/// <summary>Part indices, the BCI, the worst-member BSI per part, and the grades.</summary>
public sealed record BridgeConditionResult(double BciDeck, double BciSuperstructure, double BciSubstructure, double Bci, string BciGrade,
    double BsiSuperstructure, double BsiSubstructure, double Bsi, string BsiGrade, string Grade);

/// <summary>
/// CJJ 99-2017 bridge condition index by the layered weighted method. Each element's deductions combine into one
/// MDP (<see cref="CombineDeductions"/>); a unit's index is 100 − Σ wᵢ·MDPᵢ over its elements; spans (and piers
/// with abutments) are averaged; BCI = wM·BCIm + wS·BCIs + wX·BCIx. BSI (桥梁结构状况指数) covers the structure only:
/// per part 100 − the largest MDP of the part, the bridge's BSI the smaller of the two. The grade is the worse of the
/// BCI and BSI grades when <see cref="BridgeConditionRules.GradeIsWorseOfBciAndBsi"/> (the default, conservative;
/// the rule is [U]). Pure arithmetic.
/// </summary>
public static class BridgeConditionIndex
{
    /// <summary>Combines several deductions on one element: sorted descending, U₁ = DP₁,
    /// Uₓ = DPₓ / (100·√x) · (100 − Σ_{y&lt;x} U_y); the result is Σ U, at most 100.</summary>
    public static double CombineDeductions(IEnumerable<double> deductions)
    {
        var sorted = deductions.Where(d => d > 0).OrderDescending().ToList();
        double total = 0;
        for (var i = 0; i < sorted.Count; i++)
            total += i == 0 ? sorted[0] : sorted[i] / (100 * Math.Sqrt(i + 1)) * (100 - total);
        return Math.Min(100, total);
    }

    public static BridgeConditionResult Assess(BridgeWeightClass weightClass, IEnumerable<ElementDeductions> observations,
        int spans, int piers, int abutments, BridgeConditionRules? rules = null)
    {
        rules ??= BridgeConditionRules.Default;
        if (spans < 1) throw new ArgumentOutOfRangeException(nameof(spans), "A bridge has at least one span.");
        var weightsClass = weightClass == BridgeWeightClass.Pedestrian ? BridgeWeightClass.Pedestrian : BridgeWeightClass.General;
        var mdp = observations
            .GroupBy(o => (o.Unit, o.UnitIndex, o.Element))
            .ToDictionary(g => g.Key, g => CombineDeductions(g.SelectMany(o => o.Deductions)));
        foreach (var key in mdp.Keys)
            if (!rules.ElementWeights.TryGetValue((weightsClass, key.Unit), out var known) || !known.ContainsKey(key.Element))
                throw new ArgumentException($"No weight for element '{key.Element}' of a {key.Unit} ({weightsClass}).", nameof(observations));

        double UnitIndex(string unit, int index) =>
            100 - rules.ElementWeights[(weightsClass, unit)].Sum(w => w.Value * mdp.GetValueOrDefault((unit, index, w.Key)));
        double WorstMember(Func<string, bool> unitFilter) =>
            100 - mdp.Where(kv => unitFilter(kv.Key.Unit)).Select(kv => kv.Value).DefaultIfEmpty(0).Max();

        var deck = UnitIndex("deck", 0);
        var superstructure = Enumerable.Range(0, spans).Average(i => UnitIndex("span", i));
        var supports = Enumerable.Range(0, piers).Select(i => UnitIndex("pier", i))
            .Concat(Enumerable.Range(0, abutments).Select(i => UnitIndex("abutment", i))).ToList();
        var substructure = supports.Count == 0 ? 100 : supports.Average();
        var (wM, wS, wX) = rules.PartWeights[weightClass];
        var bci = wM * deck + wS * superstructure + wX * substructure;

        var bsiSuper = WorstMember(u => u == "span");
        var bsiSub = WorstMember(u => u is "pier" or "abutment");
        var bsi = Math.Min(bsiSuper, bsiSub);
        var bciGrade = rules.ConditionGrades.Classify(bci).Grade;
        var bsiGrade = rules.ConditionGrades.Classify(bsi).Grade;
        var grade = rules.GradeIsWorseOfBciAndBsi && string.CompareOrdinal(bsiGrade, bciGrade) > 0 ? bsiGrade : bciGrade; // A … E: later is worse
        return new BridgeConditionResult(deck, superstructure, substructure, bci, bciGrade, bsiSuper, bsiSub, bsi, bsiGrade, grade);
    }
}
