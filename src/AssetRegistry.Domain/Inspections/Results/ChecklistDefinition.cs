using AssetRegistry.Domain.Standards;

namespace AssetRegistry.Domain.Inspections.Results;

/// <summary>How a checklist answer is given in the result body.</summary>
public enum ChecklistFieldType
{
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>A whole number within the field's range.</summary>
    Integer,
    /// <summary>A real number within the field's range.</summary>
    Number,
    /// <summary>Free text up to the field's length.</summary>
    Text,
    /// <summary>One of the field's option codes.</summary>
    Choice,
    /// <summary>An array of distinct option codes (possibly empty).</summary>
    MultiChoice,
    /// <summary>An array of numbers, each within the field's range.</summary>
    NumberList,
    /// <summary>An array of objects, each answering the field's <see cref="ChecklistField.ItemFields"/>.</summary>
    Items,
}

/// <summary>One selectable answer with its zh/en labels.</summary>
public sealed record ChecklistOption(string Code, string TitleZh, string TitleEn);

/// <summary>
/// One question of a checklist: its JSON name (snake_case), type, labels, limits and options. Ranges are
/// plausibility limits for input, not standards thresholds (those live in <see cref="ResultRules"/>).
/// </summary>
public sealed record ChecklistField(string Name, ChecklistFieldType Type, string TitleZh, string TitleEn)
{
    /// <summary>The answer must be present (and not null).</summary>
    public bool Required { get; init; }
    /// <summary>Smallest allowed value (Integer, Number, NumberList), inclusive.</summary>
    public double? Minimum { get; init; }
    /// <summary>Largest allowed value (Integer, Number, NumberList), inclusive.</summary>
    public double? Maximum { get; init; }
    /// <summary>Unit of measure (cm, min, MΩ, Ω, °, m).</summary>
    public string? Unit { get; init; }
    /// <summary>Longest Text, in characters.</summary>
    public int? MaxLength { get; init; }
    /// <summary>Allowed codes of a Choice or MultiChoice.</summary>
    public IReadOnlyList<ChecklistOption> Options { get; init; } = [];
    /// <summary>The questions each element of an Items answer answers.</summary>
    public IReadOnlyList<ChecklistField> ItemFields { get; init; } = [];
}

/// <summary>
/// What a crew records for one kind of inspection: the questions, which collection it applies to, and where the
/// questions come from (DOMAIN.md section and tag). Served as JSON so the mobile page can render it.
/// </summary>
public sealed record ChecklistDefinition(string Id, string Collection, string TitleZh, string TitleEn,
    IReadOnlyList<ChecklistField> Fields, Provenance Provenance)
{
    /// <summary>The field with this name, or null.</summary>
    public ChecklistField? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
