using System.Globalization;
using AssetRegistry.Domain.Assets;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// Converts a value as a file holds it (text from a CSV, or a typed value from GeoJSON, a Shapefile or a
/// GeoPackage) to an attribute's type, with the same limits and words as the API (<see cref="AttributeChecks"/>).
/// Text is read leniently where files differ from JSON: numbers and booleans may be text (<c>"12.5"</c>,
/// <c>true</c>/<c>false</c>, <c>1</c>/<c>0</c>, <c>是</c>/<c>否</c>, <c>yes</c>/<c>no</c>), a date may be a timestamp at midnight.
/// Empty text is null.
/// </summary>
public static class SourceValues
{
    /// <summary>The converted value (int for int properties, long, double, bool, DateOnly, string) or the problem.</summary>
    public static (object? Value, LocalizedText? Problem) Convert(AttributeDefinition a, object? raw)
    {
        if (raw is string { Length: 0 } || raw is null) return (null, null);
        switch (a.Type)
        {
            case AttributeType.Text:
            {
                var s = raw as string ?? System.Convert.ToString(raw, CultureInfo.InvariantCulture)!;
                return AttributeChecks.Text(a, s) is { } p ? (null, p) : (s, null);
            }
            case AttributeType.Enumeration:
            {
                var s = (raw as string ?? System.Convert.ToString(raw, CultureInfo.InvariantCulture)!).Trim();
                return AttributeChecks.Enumeration(a, s) is { } p ? (null, p) : (s, null);
            }
            case AttributeType.Boolean:
                return raw switch
                {
                    bool b => (b, null),
                    long l and (0 or 1) => (l == 1, null),
                    string s => s.Trim().ToLowerInvariant() switch
                    {
                        "true" or "t" or "1" or "yes" or "y" or "是" => (true, null),
                        "false" or "f" or "0" or "no" or "n" or "否" => (false, null),
                        _ => (null, AttributeChecks.NotABoolean),
                    },
                    _ => (null, AttributeChecks.NotABoolean),
                };
            case AttributeType.Date:
                return raw switch
                {
                    DateTime dt when dt.TimeOfDay == TimeSpan.Zero => (DateOnly.FromDateTime(dt), null),
                    DateOnly d => (d, null),
                    string s when TryParseIsoDate(s.AsSpan().Trim(), out var d) => (d, null),
                    _ => (null, AttributeChecks.NotADate),
                };
            case AttributeType.Integer:
            case AttributeType.Reference:
            {
                long l;
                switch (raw)
                {
                    case long x: l = x; break;
                    case int x: l = x; break;
                    case double x when double.IsFinite(x) && x == Math.Floor(x) && Math.Abs(x) < 9e15: l = (long)x; break;
                    case string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x): l = x; break;
                    default: return (null, AttributeChecks.NotAWholeNumber);
                }
                if (AttributeChecks.Integer(a, l) is { } p) return (null, p);
                // Compared with the two types rather than Nullable.GetUnderlyingType, which allocates (a million rows
                // times the integer columns: it was most of an import's reading time and its garbage collections).
                var type = a.Property.PropertyType;
                return (type == typeof(int) || type == typeof(int?) ? (object)checked((int)l) : l, null);
            }
            case AttributeType.Number:
            {
                double x;
                switch (raw)
                {
                    case double d: x = d; break;
                    case long l: x = l; break;
                    case int i: x = i; break;
                    case string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d): x = d; break;
                    default: return (null, AttributeChecks.NotANumber);
                }
                return AttributeChecks.Number(a, x) is { } p ? (null, p) : (x, null);
            }
            default:
                return (null, AttributeChecks.NotWritable);
        }
    }

    /// <summary><c>yyyy-MM-dd</c> exactly (ASCII digits, a real date), as <c>DateOnly.TryParseExact</c> with that
    /// format and the invariant culture reads it, at a fraction of its cost (it ran once per row and date column).</summary>
    public static bool TryParseIsoDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
        if (!int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(s[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(s[8..], NumberStyles.None, CultureInfo.InvariantCulture, out var day))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }
}
