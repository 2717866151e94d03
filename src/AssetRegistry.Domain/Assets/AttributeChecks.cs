using System.Globalization;

namespace AssetRegistry.Domain.Assets;

/// <summary>
/// The limits of an attribute's value (length, control characters, enumeration codes, ranges), shared by the API's
/// JSON bodies (<see cref="Features.FeatureBody"/>) and imports (<see cref="Imports.SourceValues"/>) so that a
/// value refused by one is refused by the other with the same words. Each returns null when the value is allowed.
/// </summary>
public static class AttributeChecks
{
    public static LocalizedText? Text(AttributeDefinition a, string s)
    {
        if (a.MaxLength is { } max && s.Length > max) return new($"must be at most {max} characters (got {s.Length})", $"最多 {max} 个字符（当前 {s.Length} 个）");
        // char.IsControl is U+0000–U+001F and U+007F–U+009F; searched as two ranges (vectorised, no delegate per character).
        if (s.AsSpan().IndexOfAnyInRange('\u0000', '\u001F') >= 0 || s.AsSpan().IndexOfAnyInRange('\u007F', '\u009F') >= 0)
            return new("must not contain control characters", "不能包含控制字符");
        return null;
    }

    public static LocalizedText? Enumeration(AttributeDefinition a, string s) => a.Values.Contains(s)
        ? null
        : new($"must be one of: {string.Join(", ", a.Values)}", $"须为以下之一：{string.Join("、", a.Values)}");

    public static LocalizedText? Integer(AttributeDefinition a, long l)
    {
        if (a.Type == AttributeType.Reference && l <= 0) return new("must be a feature id (a positive whole number)", "须为要素编号（正整数）");
        if (l < a.Minimum || l > a.Maximum)
            return new($"must be between {a.Minimum} and {a.Maximum}{UnitSuffix(a)} (got {l})", $"须在 {a.Minimum} 至 {a.Maximum}{UnitSuffix(a)} 之间（当前 {l}）");
        return null;
    }

    public static LocalizedText? Number(AttributeDefinition a, double x)
    {
        if (!double.IsFinite(x)) return NotANumber;
        if (x < a.Minimum || x > a.Maximum)
            return new(string.Create(CultureInfo.InvariantCulture, $"must be between {a.Minimum} and {a.Maximum}{UnitSuffix(a)} (got {x})"),
                string.Create(CultureInfo.InvariantCulture, $"须在 {a.Minimum} 至 {a.Maximum}{UnitSuffix(a)} 之间（当前 {x}）"));
        return null;
    }

    public static readonly LocalizedText NotAString = new("must be a string", "须为文本");
    public static readonly LocalizedText NotABoolean = new("must be true or false", "须为是或否");
    public static readonly LocalizedText NotADate = new("must be a date as yyyy-MM-dd", "须为日期，格式 yyyy-MM-dd");
    public static readonly LocalizedText NotAWholeNumber = new("must be a whole number", "须为整数");
    public static readonly LocalizedText NotANumber = new("must be a number", "须为数字");
    public static readonly LocalizedText NotWritable = new("cannot be written", "不可写入");

    /// <summary>"… is required and may not be null" for the attribute.</summary>
    public static LocalizedText Required(AttributeDefinition a) =>
        new($"{a.Name} is required and may not be null.", $"{a.TitleZh}为必填项，不能为空。");

    private static string UnitSuffix(AttributeDefinition a) => a.Unit is null ? "" : " " + a.Unit;
}
