using System.Text.Json.Nodes;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Kinds;
using AssetRegistry.Domain.Standards;

namespace AssetRegistry.Domain.Inspections.Results;

/// <summary>A defect that needs work, with the severity that sets its deadline (<see cref="ResultRules.Deadlines"/>).</summary>
public sealed record Finding(string Severity, string Description);

/// <summary>What a result means for the asset: computed figures, the new common condition (null: unchanged), the
/// kind's attributes to set, the defects found, the alerts to raise and whether a special inspection follows.</summary>
public sealed record InspectionOutcome(JsonObject Computed, string? Condition, IReadOnlyDictionary<string, object?> AttributeUpdates,
    IReadOnlyList<Finding> Findings, IReadOnlyList<string> AlertKinds, bool OpensSpecialInspection);

/// <summary>
/// Turns validated checklist answers into an <see cref="InspectionOutcome"/>: BCI and grade through
/// <see cref="BridgeConditionIndex"/>, CJJ 181 figures through <see cref="SewerSegmentAssessment"/>, and every
/// mapping and deadline from <see cref="ResultRules"/>. Pure: reads the asset, writes nothing.
/// </summary>
public static class InspectionAssessment
{
    /// <summary>Assesses <paramref name="answers"/> (already read by <see cref="ChecklistAnswers"/>) for
    /// <paramref name="asset"/>; problems that need the asset (an index beyond the bridge's spans, a segment without
    /// a diameter) go to <paramref name="errors"/>. <paramref name="today"/> is the local inspection date;
    /// <paramref name="parentChecklist"/> the checklist of the inspection whose findings opened a remediation task.</summary>
    public static InspectionOutcome Assess(ChecklistDefinition checklist, JsonObject answers, Asset asset, InspectionTask task, DateOnly today,
        ResultRules rules, ValidationErrors errors, string? parentChecklist = null) => checklist.Id switch
    {
        Checklists.ManholeCover => Cover(answers, rules),
        Checklists.Streetlight => Streetlight(answers, rules, electrical: false, today),
        Checklists.StreetlightElectrical => Streetlight(answers, rules, electrical: true, today),
        Checklists.BridgeVisual => BridgePatrol(answers, rules),
        Checklists.BridgeCondition => BridgeCondition(answers, (Bridge)asset, task, today, rules, errors),
        Checklists.SewerCctv => Sewer(answers, (SewerSegment)asset, rules, errors),
        Checklists.AncientTree => Tree(answers, rules),
        Checklists.Waterlogging => Waterlogging(answers, (WaterloggingPoint)asset, rules),
        Checklists.Remediation => Remediation(answers, parentChecklist, rules),
        _ => throw new InvalidOperationException($"No assessment for checklist {checklist.Id}."),
    };

    /// <summary>A remediation recorded as resolved sets the condition <see cref="ResultRules.RemediationConditions"/>
    /// gives for the inspection that opened it; unresolved, or for kinds the standard regrades, the condition stays.</summary>
    private static InspectionOutcome Remediation(JsonObject answers, string? parentChecklist, ResultRules rules)
    {
        var resolved = Flag(answers, "resolved");
        var condition = resolved ? rules.ConditionAfterRemediation(parentChecklist) : null;
        var computed = new JsonObject { ["resolved"] = resolved, ["condition_restored"] = condition is not null };
        return new InspectionOutcome(computed, condition, new Dictionary<string, object?>(), [], [], false);
    }

    private static InspectionOutcome Cover(JsonObject answers, ResultRules rules)
    {
        var defects = Codes(answers, "defects");
        var findings = defects.GroupBy(d => rules.CoverDefectSeverities[d])
            .Select(g => new Finding(g.Key, string.Join("、", g.Select(d => ChecklistCatalogue.CoverDefects.First(o => o.Code == d).TitleZh))))
            .ToList();
        var missing = defects.Contains("missing");
        var condition = rules.ConditionOf("cover", missing ? "missing" : defects.Count > 0 ? "defect" : "none");
        var computed = new JsonObject { ["intact"] = defects.Count == 0, ["open_defects"] = defects.Count };
        return new InspectionOutcome(computed, condition, new Dictionary<string, object?>(), findings, missing ? ["cover_missing"] : [], false);
    }

    private static InspectionOutcome Streetlight(JsonObject answers, ResultRules rules, bool electrical, DateOnly today)
    {
        var findings = rules.StreetlightFaultSeverities.Where(f => Flag(answers, f.Key))
            .Select(f => new Finding(f.Value, f.Key)).ToList();
        var pass = true;
        if (electrical)
        {
            var insulation = Number(answers, "insulation_resistance_mohm")!.Value;
            var grounding = Number(answers, "grounding_ohm")!.Value;
            if (insulation < rules.MinimumInsulationMohm)
                findings.Add(new Finding(rules.ElectricalFailureSeverity, $"insulation {insulation} MΩ < {rules.MinimumInsulationMohm} MΩ"));
            if (grounding > rules.MaximumGroundingOhm)
                findings.Add(new Finding(rules.ElectricalFailureSeverity, $"grounding {grounding} Ω > {rules.MaximumGroundingOhm} Ω"));
            if (!Flag(answers, "rcd_trip_ok")) findings.Add(new Finding(rules.ElectricalFailureSeverity, "RCD does not trip"));
            pass = findings.All(f => f.Severity != rules.ElectricalFailureSeverity) && !Flag(answers, "leakage");
        }
        var worst = Worst(findings, rules);
        var computed = new JsonObject { ["fault_class"] = worst ?? "none" };
        if (electrical) computed["electrical_pass"] = pass;
        var updates = new Dictionary<string, object?>();
        if (electrical) updates["last_leakage_test"] = today;
        return new InspectionOutcome(computed, rules.ConditionOf("streetlight_fault", worst ?? "none"), updates, Merge(findings), [], false);
    }

    private static InspectionOutcome BridgePatrol(JsonObject answers, ResultRules rules)
    {
        var items = ChecklistCatalogue.Find(Checklists.BridgeVisual)!.Fields.Where(f => f.Type == ChecklistFieldType.Boolean && Flag(answers, f.Name)).ToList();
        var structural = items.Any(f => f.Name == "obvious_structural_damage");
        var findings = items.Select(f => new Finding(f.Name == "obvious_structural_damage" ? "bridge_structural_damage" : "bridge_patrol_defect", f.TitleZh)).ToList();
        // A patrol does not grade the bridge: the grade comes from periodic inspections. Damage whose extent is unclear
        // calls for a special inspection (DOMAIN.md §1.3 [V]).
        var computed = new JsonObject { ["defects_found"] = items.Count };
        return new InspectionOutcome(computed, null, new Dictionary<string, object?>(), Merge(findings), [], structural);
    }

    private static InspectionOutcome BridgeCondition(JsonObject answers, Bridge bridge, InspectionTask task, DateOnly today, ResultRules rules, ValidationErrors errors)
    {
        var weightClass = answers["weight_class"]?.GetValue<string>() switch
        {
            "arch" => BridgeWeightClass.Arch,
            "pedestrian" => BridgeWeightClass.Pedestrian,
            "general" => BridgeWeightClass.General,
            _ => bridge.StructureType switch { "arch" => BridgeWeightClass.Arch, "pedestrian" => BridgeWeightClass.Pedestrian, _ => BridgeWeightClass.General },
        };
        var spans = (int?)Number(answers, "spans") ?? bridge.SpanCount ?? 1;
        var piers = (int?)Number(answers, "piers") ?? Math.Max(0, spans - 1);
        var abutments = (int?)Number(answers, "abutments") ?? 2;
        var weightsClass = weightClass == BridgeWeightClass.Pedestrian ? BridgeWeightClass.Pedestrian : BridgeWeightClass.General;
        var weights = BridgeConditionRules.Default.ElementWeights;
        var observations = new List<ElementDeductions>();
        var i = 0;
        foreach (var item in answers["elements"]!.AsArray().Select(n => n!.AsObject()))
        {
            var path = $"elements[{i++}]";
            var unit = item["unit"]!.GetValue<string>();
            var index = (int?)Number(item, "unit_index") ?? 0;
            var element = item["element"]!.GetValue<string>();
            var count = unit switch { "deck" => 1, "span" => spans, "pier" => piers, _ => abutments };
            if (index >= count)
                errors.Add(path + ".unit_index", $"The bridge has {count} {unit}(s); unit_index counts from 0.");
            else if (!weights.TryGetValue((weightsClass, unit), out var known) || !known.ContainsKey(element))
                errors.Add(path + ".element", $"{element} is not an element of a {unit} for {weightsClass.ToString().ToLowerInvariant()} bridges.");
            else
                observations.Add(new ElementDeductions(unit, index, element, item["deductions"]!.AsArray().Select(d => d!.GetValue<double>()).ToList()));
        }
        if (errors.Any) return Empty();

        var r = BridgeConditionIndex.Assess(weightClass, observations, spans, piers, abutments);
        var computed = new JsonObject
        {
            ["weight_class"] = weightClass.ToString().ToLowerInvariant(), ["spans"] = spans, ["piers"] = piers, ["abutments"] = abutments,
            ["bci_deck"] = Round(r.BciDeck), ["bci_superstructure"] = Round(r.BciSuperstructure), ["bci_substructure"] = Round(r.BciSubstructure),
            ["bci"] = Round(r.Bci), ["bci_grade"] = r.BciGrade,
            ["bsi_superstructure"] = Round(r.BsiSuperstructure), ["bsi_substructure"] = Round(r.BsiSubstructure), ["bsi"] = Round(r.Bsi),
            ["bsi_grade"] = r.BsiGrade, ["grade"] = r.Grade,
        };
        var updates = new Dictionary<string, object?> { ["condition_grade"] = r.Grade, ["bci"] = Round(r.Bci) };
        if (task.InspectionType == InspectionTypes.PeriodicInspection) updates["last_periodic_inspection"] = today;
        if (task.InspectionType == InspectionTypes.StructuralInspection) updates["last_structural_inspection"] = today;
        var severity = "bridge_grade_" + r.Grade.ToLowerInvariant();
        var findings = rules.Deadlines.Any(d => d.Severity == severity) ? [new Finding(severity, $"BCI {Round(r.Bci)}, grade {r.Grade}")] : new List<Finding>();
        var alerts = rules.Alerts.Any(a => a.Kind == severity) ? [severity] : new List<string>();
        var special = rules.SpecialInspectionGrades.Contains(r.Grade) && task.InspectionType != InspectionTypes.SpecialInspection;
        return new InspectionOutcome(computed, rules.ConditionOf("bridge_grade", r.Grade), updates, findings, alerts, special);
    }

    private static InspectionOutcome Sewer(JsonObject answers, SewerSegment segment, ResultRules rules, ValidationErrors errors)
    {
        var diameter = Number(answers, "diameter_mm") ?? segment.DiameterMm;
        if (diameter is null) errors.Add("diameter_mm", "The segment has no diameter on record; give diameter_mm.");
        if (segment.LengthM <= 0) errors.Add("defects", "The segment has no length on record; fix its geometry first.");
        var observations = new List<SewerDefectObservation>();
        var i = 0;
        foreach (var item in answers["defects"]!.AsArray().Select(n => n!.AsObject()))
        {
            var path = $"defects[{i++}]";
            var code = item["code"]!.GetValue<string>();
            var grade = (int)Number(item, "grade")!.Value;
            if (SewerDefectCatalogue.Find(code)!.Scores[grade - 1] is null)
                errors.Add(path + ".grade", $"{code} has no grade {grade}.");
            else
                observations.Add(new SewerDefectObservation(code, grade, Number(item, "position_m")!.Value, Number(item, "length_m") ?? 0));
        }
        if (errors.Any) return Empty();

        var context = new SewerSegmentContext(segment.LengthM, diameter!.Value, answers["area_importance"]!.GetValue<string>(), answers["soil"]!.GetValue<string>());
        var r = SewerSegmentAssessment.Assess(context, observations);
        var computed = new JsonObject
        {
            ["length_m"] = segment.LengthM, ["diameter_mm"] = diameter,
            ["s"] = Round(r.S), ["s_max"] = Round(r.SMax), ["f"] = Round(r.F), ["s_m"] = Round(r.SM, 4), ["structural_grade"] = r.StructuralGrade,
            ["structural_density"] = r.StructuralDensity, ["ri"] = Round(r.RI), ["ri_grade"] = r.RepairGrade, ["repair_scope"] = r.RepairScope,
            ["y"] = Round(r.Y), ["y_max"] = Round(r.YMax), ["g"] = Round(r.G), ["y_m"] = Round(r.YM, 4), ["functional_grade"] = r.FunctionalGrade,
            ["functional_density"] = r.FunctionalDensity, ["mi"] = Round(r.MI), ["mi_grade"] = r.MaintenanceGrade,
        };
        var grades = SewerSegmentKind.Grades.ToList();
        var worse = grades.IndexOf(r.StructuralGrade) >= grades.IndexOf(r.FunctionalGrade) ? r.StructuralGrade : r.FunctionalGrade;
        var findings = new List<Finding>();
        if (r.RepairScope != "none" && r.RepairGrade != "I")
            findings.Add(new Finding("sewer_repair_" + r.RepairGrade.ToLowerInvariant(), $"RI {Round(r.RI)} ({r.RepairGrade}), {r.RepairScope} repair"));
        if (r.MaintenanceGrade != "I")
            findings.Add(new Finding("sewer_maintenance_" + r.MaintenanceGrade.ToLowerInvariant(), $"MI {Round(r.MI)} ({r.MaintenanceGrade})"));
        var updates = new Dictionary<string, object?> { ["structural_grade"] = r.StructuralGrade };
        return new InspectionOutcome(computed, rules.ConditionOf("sewer_grade", worse), updates, findings, [], false);
    }

    private static InspectionOutcome Tree(JsonObject answers, ResultRules rules)
    {
        var vigour = answers["vigour"]!.GetValue<string>();
        var findings = new List<Finding>();
        if (vigour == "dead") findings.Add(new Finding("tree_dead", "死亡株"));
        if (vigour == "endangered") findings.Add(new Finding("tree_endangered", "濒危株"));
        var pests = Codes(answers, "pests");
        if (pests.Count > 0)
            findings.Add(new Finding("tree_pest", string.Join("、", pests.Select(p => ChecklistCatalogue.TreePests.First(o => o.Code == p).TitleZh))));
        var structural = new List<string>();
        if (Number(answers, "lean_deg") is { } lean && lean >= rules.TreeLeanFindingDeg) structural.Add($"倾斜 {lean}°");
        if (Flag(answers, "cavities")) structural.Add("树洞");
        if (Flag(answers, "splits")) structural.Add("劈裂");
        if (Flag(answers, "dead_branches")) structural.Add("枯枝");
        if (structural.Count > 0) findings.Add(new Finding("tree_structural", string.Join("、", structural)));
        var threats = Codes(answers, "site_threats");
        if (threats.Count > 0)
            findings.Add(new Finding("tree_site", string.Join("、", threats.Select(t => ChecklistCatalogue.TreeSiteThreats.First(o => o.Code == t).TitleZh))));
        var computed = new JsonObject { ["vigour"] = vigour, ["findings"] = findings.Count };
        return new InspectionOutcome(computed, rules.ConditionOf("tree_vigour", vigour), new Dictionary<string, object?> { ["vigour"] = vigour },
            findings, [], false);
    }

    private static InspectionOutcome Waterlogging(JsonObject answers, WaterloggingPoint point, ResultRules rules)
    {
        var depth = Number(answers, "depth_cm")!.Value;
        var condition = rules.WaterloggingDepthConditions.Classify(depth).Grade;
        var updates = new Dictionary<string, object?>();
        if (point.MaxDepthCm is not { } max || depth > max) updates["max_depth_cm"] = depth;
        var findings = condition == AssetCondition.Good ? new List<Finding>() : [new Finding("waterlogging_over_standard", $"积水 {depth} cm")];
        var computed = new JsonObject { ["depth_cm"] = depth, ["depth_condition"] = condition, ["deepest_recorded"] = updates.ContainsKey("max_depth_cm") };
        return new InspectionOutcome(computed, condition, updates, findings, [], false);
    }

    /// <summary>The most urgent severity of the findings (lowest deadline priority), or null when none.</summary>
    private static string? Worst(IEnumerable<Finding> findings, ResultRules rules) =>
        findings.Select(f => rules.DeadlineOf(f.Severity)).OrderBy(d => d.Priority).FirstOrDefault()?.Severity;

    private static List<Finding> Merge(IEnumerable<Finding> findings) =>
        findings.GroupBy(f => f.Severity).Select(g => new Finding(g.Key, string.Join("、", g.Select(f => f.Description)))).ToList();

    private static InspectionOutcome Empty() => new(new JsonObject(), null, new Dictionary<string, object?>(), [], [], false);

    private static List<string> Codes(JsonObject answers, string name) =>
        answers[name] is JsonArray a ? a.Select(n => n!.GetValue<string>()).ToList() : [];

    private static bool Flag(JsonObject answers, string name) => answers[name] is JsonValue v && v.GetValue<bool>();

    private static double? Number(JsonObject answers, string name) => answers[name] is JsonValue v ? v.GetValue<double>() : null;

    private static double Round(double value, int decimals = 2) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
