namespace AssetRegistry.Domain.Assets;

/// <summary>The Chinese and English label of one enumeration code.</summary>
public sealed record EnumerationLabel(string Zh, string En);

/// <summary>
/// The label of every enumeration code, by attribute name (an attribute name means one thing in every kind): the
/// one source for the map and editor pages (served as the module <c>/js/enum-labels.js</c>) and the server's own
/// pages (the OGC HTML views). A code without a label shows as itself.
/// </summary>
public static class EnumerationLabels
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, EnumerationLabel>> All =
        new Dictionary<string, IReadOnlyDictionary<string, EnumerationLabel>>(StringComparer.Ordinal)
    {
        ["status"] = Codes(("planned", "规划", "Planned"), ("in_service", "在用", "In service"),
            ("retired", "停用", "Retired")),
        ["condition"] = Codes(("unknown", "未知", "Unknown"), ("good", "良好", "Good"), ("fair", "一般", "Fair"),
            ("poor", "较差", "Poor"), ("critical", "危险", "Critical")),
        ["network"] = Codes(("rain", "雨水", "Rain"), ("sewage", "污水", "Sewage"), ("combined", "雨污合流", "Combined"),
            ("gas", "燃气", "Gas"), ("power", "电力", "Power"), ("telecom", "通信", "Telecom"),
            ("water", "给水", "Water supply"), ("heat", "热力", "Heat")),
        ["cover_material"] = Codes(("cast_iron", "铸铁", "Cast iron"), ("ductile_iron", "球墨铸铁", "Ductile iron"),
            ("composite", "复合材料", "Composite"), ("concrete", "混凝土", "Concrete"), ("steel", "钢", "Steel"),
            ("other", "其他", "Other")),
        ["cover_load_class"] = Codes(("A15", "A15", "A15"), ("B125", "B125", "B125"), ("C250", "C250", "C250"),
            ("D400", "D400", "D400"), ("E600", "E600", "E600"), ("F900", "F900", "F900")),
        ["lamp_type"] = Codes(("led", "LED", "LED"), ("hps", "高压钠灯", "High-pressure sodium"),
            ("metal_halide", "金卤灯", "Metal halide"), ("fluorescent", "荧光灯", "Fluorescent"), ("other", "其他", "Other")),
        ["road_class"] = Codes(("expressway", "快速路", "Expressway"), ("arterial", "主干路", "Arterial road"),
            ("secondary", "次干路", "Secondary road"), ("branch", "支路", "Branch road"),
            ("back_lane", "街巷", "Back lane")),
        ["structure_type"] = Codes(("beam", "梁桥", "Beam"), ("slab", "板桥", "Slab"), ("arch", "拱桥", "Arch"),
            ("rigid_frame", "刚构桥", "Rigid frame"), ("truss", "桁架桥", "Truss"),
            ("cable_stayed", "斜拉桥", "Cable-stayed"), ("suspension", "悬索桥", "Suspension"),
            ("stone_beam", "石梁桥", "Stone beam"), ("pedestrian", "人行天桥", "Pedestrian")),
        ["maintenance_category"] = Codes(("I", "Ⅰ类", "Category I"), ("II", "Ⅱ类", "Category II"),
            ("III", "Ⅲ类", "Category III"), ("IV", "Ⅳ类", "Category IV"), ("V", "Ⅴ类", "Category V")),
        ["maintenance_grade"] = Codes(("1", "Ⅰ等", "Grade 1"), ("2", "Ⅱ等", "Grade 2"), ("3", "Ⅲ等", "Grade 3")),
        ["condition_grade"] = Codes(("A", "A级（完好）", "A (good)"), ("B", "B级（良好）", "B (fair)"),
            ("C", "C级（合格）", "C (acceptable)"), ("D", "D级（不合格）", "D (deficient)"), ("E", "E级（危险）", "E (dangerous)")),
        ["protection_grade"] = Codes(("grade_1", "一级古树", "Grade 1"), ("grade_2", "二级古树", "Grade 2"),
            ("grade_3", "三级古树", "Grade 3"), ("famous", "名木", "Famous tree"), ("reserve", "后备资源", "Reserve")),
        ["vigour"] = Codes(("normal", "正常", "Normal"), ("weak", "衰弱", "Weak"), ("endangered", "濒危", "Endangered"),
            ("dead", "死亡", "Dead")),
        ["system"] = Codes(("rain", "雨水", "Rain"), ("sewage", "污水", "Sewage"), ("combined", "雨污合流", "Combined")),
        ["material"] = Codes(("concrete", "混凝土管", "Concrete"),
            ("reinforced_concrete", "钢筋混凝土管", "Reinforced concrete"), ("hdpe", "HDPE 管", "HDPE"),
            ("pvc_u", "PVC-U 管", "PVC-U"), ("ductile_iron", "球墨铸铁管", "Ductile iron"),
            ("cast_iron", "铸铁管", "Cast iron"), ("brick", "砖砌", "Brick"), ("other", "其他", "Other")),
        ["structural_grade"] = Codes(("I", "Ⅰ级", "Grade I"), ("II", "Ⅱ级", "Grade II"), ("III", "Ⅲ级", "Grade III"),
            ("IV", "Ⅳ级", "Grade IV")),
        ["cause"] = Codes(("low_lying", "地势低洼", "Low-lying"),
            ("insufficient_capacity", "管网能力不足", "Insufficient capacity"),
            ("blocked_inlets", "雨水口堵塞", "Blocked inlets"), ("outfall_backwater", "排口顶托", "Outfall backwater"),
            ("construction", "施工影响", "Construction"), ("other", "其他", "Other")),
        ["risk_level"] = Codes(("low", "低", "Low"), ("medium", "中", "Medium"), ("high", "高", "High")),
        ["remediation_status"] = Codes(("open", "未整治", "Open"), ("in_progress", "整治中", "In progress"),
            ("treated", "已整治", "Treated")),
        ["park_class"] = Codes(("comprehensive", "综合公园", "Comprehensive park"),
            ("community", "社区公园", "Community park"), ("specialized", "专类公园", "Specialized park"),
            ("pocket", "口袋公园", "Pocket park"), ("linear", "带状公园", "Linear park")),
    };

    /// <summary>The label of <paramref name="code"/> of <paramref name="attribute"/> in Chinese or English; null when
    /// it has none.</summary>
    public static string? Of(string attribute, string code, bool chinese) =>
        All.TryGetValue(attribute, out var codes) && codes.TryGetValue(code, out var label) ? (chinese ? label.Zh : label.En) : null;

    private static Dictionary<string, EnumerationLabel> Codes(params (string Code, string Zh, string En)[] codes) =>
        codes.ToDictionary(c => c.Code, c => new EnumerationLabel(c.Zh, c.En), StringComparer.Ordinal);
}
