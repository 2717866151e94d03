using System.Globalization;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace AssetRegistry.Domain.Features.Filtering;

/// <summary>
/// Parses CQL2 text (OGC 21-065, the <c>cql2-text</c> encoding) into a <see cref="CqlNode"/> tree by recursive
/// descent: <c>OR</c> binds loosest, then <c>AND</c>, then <c>NOT</c>, then the predicates. Supported: comparisons,
/// <c>[NOT] LIKE</c>, <c>[NOT] IN</c>, <c>[NOT] BETWEEN</c>, <c>IS [NOT] NULL</c>, <c>CASEI</c>, string, number,
/// boolean, <c>DATE</c> and <c>TIMESTAMP</c> literals, WKT and <c>BBOX</c> geometry literals, <c>S_INTERSECTS</c> and
/// the <c>S_DWITHIN</c> extension. Keywords are case-insensitive. The text length, nesting depth, list length and
/// WKT vertex count are bounded by <see cref="RegistryRules"/>; anything else wrong throws
/// <see cref="CqlException"/> naming the 1-based position and what was expected there.
/// </summary>
public sealed class Cql2TextParser
{
    private static readonly HashSet<string> WktKeywords = new(StringComparer.OrdinalIgnoreCase)
        { "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION" };

    /// <summary>Words that end or join predicates and so can never be a bare property name.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
        { "AND", "OR", "NOT", "LIKE", "IN", "BETWEEN", "IS", "NULL", "TRUE", "FALSE" };

    private readonly string _text;
    private readonly RegistryRules _rules;
    private int _pos;
    private int _depth;

    private Cql2TextParser(string text, RegistryRules rules)
    {
        _text = text;
        _rules = rules;
    }

    /// <summary>Parses a whole filter; throws <see cref="CqlException"/> when it is not valid CQL2 text or breaks a
    /// limit.</summary>
    public static CqlNode Parse(string text, RegistryRules rules)
    {
        if (text.Length > rules.MaxFilterLength)
            throw Error(rules.MaxFilterLength + 1,
                $"the filter is longer than {rules.MaxFilterLength} characters", $"过滤条件超过 {rules.MaxFilterLength} 个字符");
        var parser = new Cql2TextParser(text, rules);
        parser.SkipSpace();
        if (parser._pos >= text.Length) throw Error(1, "the filter is empty", "过滤条件为空");
        var node = parser.Or();
        parser.SkipSpace();
        if (parser._pos < text.Length) throw parser.Expected("AND, OR or the end of the filter", "AND、OR 或过滤条件结束");
        return node;
    }

    private CqlNode Or()
    {
        var left = And();
        while (TryKeyword("OR", out var at)) left = new CqlOr(left, And(), at);
        return left;
    }

    private CqlNode And()
    {
        var left = Not();
        while (TryKeyword("AND", out var at)) left = new CqlAnd(left, Not(), at);
        return left;
    }

    private CqlNode Not()
    {
        if (TryKeyword("NOT", out var at))
        {
            Enter(at);
            var operand = Not();
            _depth--;
            return new CqlNot(operand, at);
        }
        return Primary();
    }

    private CqlNode Primary()
    {
        SkipSpace();
        var at = _pos + 1;
        if (TrySymbol("("))
        {
            Enter(at);
            var inner = Or();
            Require(")", "a closing parenthesis ')'", "右括号 ')'");
            _depth--;
            return inner;
        }
        var word = PeekWord();
        if (word is not null && PeekAfterWord('('))
        {
            if (word.Equals("S_INTERSECTS", StringComparison.OrdinalIgnoreCase)) return Intersects();
            if (word.Equals("S_DWITHIN", StringComparison.OrdinalIgnoreCase)) return DWithin();
        }
        var left = Scalar();
        return Predicate(left);
    }

    private CqlNode Predicate(CqlNode left)
    {
        SkipSpace();
        var at = _pos + 1;
        foreach (var op in (string[])["<>", "<=", ">=", "=", "<", ">"])
            if (TrySymbol(op)) return new CqlComparison(op, left, Scalar(), at);
        if (TryKeyword("IS", out _))
        {
            var negated = TryKeyword("NOT", out _);
            RequireKeyword("NULL");
            return new CqlIsNull(left, negated, at);
        }
        var not = TryKeyword("NOT", out _);
        if (TryKeyword("LIKE", out _)) return new CqlLike(left, Scalar(), not, at);
        if (TryKeyword("BETWEEN", out _))
        {
            var low = Scalar();
            RequireKeyword("AND");
            return new CqlBetween(left, low, Scalar(), not, at);
        }
        if (TryKeyword("IN", out _))
        {
            Require("(", "'(' to open the IN list", "'(' 开始 IN 列表");
            var items = new List<CqlNode> { Scalar() };
            while (TrySymbol(","))
            {
                items.Add(Scalar());
                if (items.Count > _rules.MaxFilterListItems)
                    throw Error(at, $"an IN list may hold at most {_rules.MaxFilterListItems} values", $"IN 列表最多 {_rules.MaxFilterListItems} 个值");
            }
            Require(")", "',' or ')' in the IN list", "IN 列表中的 ',' 或 ')'");
            return new CqlIn(left, items, not, at);
        }
        if (not) throw Expected("LIKE, BETWEEN or IN after NOT", "NOT 之后应为 LIKE、BETWEEN 或 IN");
        if (left is CqlBoolean) return left;
        throw Expected("a comparison (=, <>, <, >, <=, >=), LIKE, IN, BETWEEN or IS NULL", "比较运算符（=、<>、<、>、<=、>=）、LIKE、IN、BETWEEN 或 IS NULL");
    }

    private CqlNode Intersects()
    {
        var at = _pos + 1;
        ReadWord();
        Require("(", "'('", "'('");
        var a = Scalar();
        Require(",", "',' between the two geometries", "两个几何之间的 ','");
        var b = Scalar();
        Require(")", "')' closing S_INTERSECTS", "S_INTERSECTS 的右括号 ')'");
        return new CqlIntersects(a, b, at);
    }

    private CqlNode DWithin()
    {
        var at = _pos + 1;
        ReadWord();
        Require("(", "'('", "'('");
        var a = Scalar();
        Require(",", "',' between the two geometries", "两个几何之间的 ','");
        var b = Scalar();
        Require(",", "',' before the distance", "距离之前的 ','");
        SkipSpace();
        var distanceAt = _pos + 1;
        if (Scalar() is not CqlNumber { Value: >= 0 } distance)
            throw Error(distanceAt, "S_DWITHIN needs a distance of zero or more", "S_DWITHIN 需要不小于零的距离");
        Require(",", "',' before the units", "单位之前的 ','");
        SkipSpace();
        var unitsAt = _pos + 1;
        var units = PeekWord() is { } w ? ReadWord() : Scalar() is CqlText t ? t.Value : "";
        var factor = units.ToLowerInvariant() switch
        {
            "meters" or "metres" or "meter" or "metre" or "m" => 1.0,
            "kilometers" or "kilometres" or "kilometer" or "kilometre" or "km" => 1000.0,
            _ => throw Error(unitsAt, "S_DWITHIN units must be meters or kilometers", "S_DWITHIN 的单位须为 meters 或 kilometers"),
        };
        Require(")", "')' closing S_DWITHIN", "S_DWITHIN 的右括号 ')'");
        return new CqlDWithin(a, b, distance.Value * factor, at);
    }

    /// <summary>A value: literal, property, CASEI(…), DATE(…), TIMESTAMP(…), BBOX(…) or a WKT geometry.</summary>
    private CqlNode Scalar()
    {
        SkipSpace();
        var at = _pos + 1;
        if (_pos >= _text.Length) throw Expected("a property name or a value", "属性名或取值");
        var c = _text[_pos];
        if (c == '\'') return new CqlText(ReadString(), at);
        if (c == '"') return new CqlProperty(ReadQuotedName(), at);
        if (char.IsAsciiDigit(c) || c is '-' or '+' or '.') return new CqlNumber(ReadNumber(), at);
        var word = PeekWord() ?? throw Expected("a property name or a value", "属性名或取值");
        if (PeekAfterWord('('))
        {
            if (WktKeywords.Contains(word)) return new CqlGeometry(ReadWkt(), at);
            switch (word.ToUpperInvariant())
            {
                case "DATE":
                    ReadWord();
                    Require("(", "'('", "'('");
                    var dateText = ReadStringArgument("DATE('yyyy-mm-dd')");
                    Require(")", "')' closing DATE", "DATE 的右括号 ')'");
                    return DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                        ? new CqlDate(d, at)
                        : throw Error(at, $"'{dateText}' is not a date as yyyy-mm-dd", $"“{dateText}”不是 yyyy-mm-dd 格式的日期");
                case "TIMESTAMP":
                    ReadWord();
                    Require("(", "'('", "'('");
                    var tsText = ReadStringArgument("TIMESTAMP('yyyy-mm-ddThh:mm:ssZ')");
                    Require(")", "')' closing TIMESTAMP", "TIMESTAMP 的右括号 ')'");
                    return tsText.Contains('T') && (tsText.EndsWith('Z') || tsText.LastIndexOfAny(['+', '-']) > tsText.IndexOf('T')) &&
                           DateTimeOffset.TryParse(tsText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var ts)
                        ? new CqlTimestamp(ts, at)
                        : throw Error(at, $"'{tsText}' is not an RFC 3339 timestamp with a time zone (e.g. 2024-05-01T08:00:00Z)",
                            $"“{tsText}”不是带时区的 RFC 3339 时间（例如 2024-05-01T08:00:00Z）");
                case "CASEI":
                    ReadWord();
                    Require("(", "'('", "'('");
                    Enter(at);
                    var inner = Scalar();
                    _depth--;
                    Require(")", "')' closing CASEI", "CASEI 的右括号 ')'");
                    return new CqlCaseI(inner, at);
                case "BBOX":
                    ReadWord();
                    Require("(", "'('", "'('");
                    var n = new double[4];
                    for (var i = 0; i < 4; i++)
                    {
                        if (i > 0) Require(",", "',' between the four BBOX numbers", "BBOX 四个数字之间的 ','");
                        SkipSpace();
                        n[i] = ReadNumber();
                    }
                    Require(")", "')' closing BBOX (BBOX takes four numbers)", "BBOX 的右括号 ')'（BBOX 须为四个数字）");
                    return new CqlBbox(n[0], n[1], n[2], n[3], at);
                default:
                    throw Error(at, $"unknown function '{word}'; known: CASEI, DATE, TIMESTAMP, BBOX, S_INTERSECTS, S_DWITHIN and WKT geometries",
                        $"未知函数“{word}”；可用：CASEI、DATE、TIMESTAMP、BBOX、S_INTERSECTS、S_DWITHIN 及 WKT 几何");
            }
        }
        if (word.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || word.Equals("FALSE", StringComparison.OrdinalIgnoreCase))
        {
            ReadWord();
            return new CqlBoolean(word.Equals("TRUE", StringComparison.OrdinalIgnoreCase), at);
        }
        if (Reserved.Contains(word)) throw Expected("a property name or a value", "属性名或取值");
        return new CqlProperty(ReadWord(), at);
    }

    private string ReadStringArgument(string form)
    {
        SkipSpace();
        if (_pos >= _text.Length || _text[_pos] != '\'') throw Expected($"a quoted string, as in {form}", $"带引号的字符串，如 {form}");
        return ReadString();
    }

    /// <summary>A '…' literal; two quotes stand for one.</summary>
    private string ReadString() =>
        ReadQuoted('\'', "the string starting here is not closed with '", "从此处开始的字符串缺少结尾的 '");

    /// <summary>A "…" property name; two quotes stand for one.</summary>
    private string ReadQuotedName() =>
        ReadQuoted('"', "the quoted property name starting here is not closed with \"", "从此处开始的带引号属性名缺少结尾的 \"");

    /// <summary>The text between <paramref name="quote"/> at the current position and its closing one, a doubled
    /// quote standing for one; an unclosed one is an error at its start.</summary>
    private string ReadQuoted(char quote, string unclosedEn, string unclosedZh)
    {
        var start = _pos + 1;
        var sb = new System.Text.StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= _text.Length) throw Error(start, unclosedEn, unclosedZh);
            var c = _text[_pos++];
            if (c != quote) { sb.Append(c); continue; }
            if (_pos < _text.Length && _text[_pos] == quote) { sb.Append(quote); _pos++; continue; }
            return sb.ToString();
        }
    }

    private double ReadNumber()
    {
        var start = _pos;
        if (_pos < _text.Length && _text[_pos] is '-' or '+') _pos++;
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.')) _pos++;
        if (_pos < _text.Length && _text[_pos] is 'e' or 'E')
        {
            _pos++;
            if (_pos < _text.Length && _text[_pos] is '-' or '+') _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        }
        var s = _text[start.._pos];
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        _pos = start;
        throw Expected("a number", "数字");
    }

    /// <summary>The WKT text from the keyword to its balanced closing parenthesis, read by NetTopologySuite; the
    /// vertex count is bounded so a huge literal cannot make every row's test expensive.</summary>
    private Geometry ReadWkt()
    {
        var start = _pos;
        ReadWord();
        SkipSpace();
        var open = 0;
        while (_pos < _text.Length)
        {
            var c = _text[_pos++];
            if (c == '(') open++;
            else if (c == ')' && --open == 0) break;
        }
        if (open != 0) throw Error(start + 1, "the geometry starting here is missing a ')'", "从此处开始的几何缺少 ')'");
        var wkt = _text[start.._pos];
        Geometry g;
        try
        {
            g = new WKTReader().Read(wkt);
        }
        catch (Exception e) when (e is ParseException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw Error(start + 1, "the geometry starting here is not valid WKT", "从此处开始的几何不是有效的 WKT");
        }
        if (g.NumPoints > _rules.MaxFilterVertices)
            throw Error(start + 1, $"the geometry has {g.NumPoints} vertices; at most {_rules.MaxFilterVertices} are allowed",
                $"几何有 {g.NumPoints} 个顶点，最多允许 {_rules.MaxFilterVertices} 个");
        if (g.IsEmpty || !g.IsValid)
            throw Error(start + 1, "the geometry starting here is empty or not valid (e.g. a self-intersecting polygon)",
                "从此处开始的几何为空或无效（例如自相交的多边形）");
        return g;
    }

    private void Enter(int at)
    {
        if (++_depth > _rules.MaxFilterDepth)
            throw Error(at, $"the filter nests deeper than {_rules.MaxFilterDepth} levels", $"过滤条件嵌套超过 {_rules.MaxFilterDepth} 层");
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private bool TrySymbol(string symbol)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _pos, symbol, 0, symbol.Length) != 0) return false;
        // "<" must not swallow the first half of "<=" or "<>"; the caller tries the longer symbols first.
        _pos += symbol.Length;
        return true;
    }

    private void Require(string symbol, string en, string zh)
    {
        if (!TrySymbol(symbol)) throw Expected(en, zh);
    }

    private bool TryKeyword(string keyword, out int at)
    {
        SkipSpace();
        at = _pos + 1;
        if (PeekWord() is { } w && w.Equals(keyword, StringComparison.OrdinalIgnoreCase))
        {
            _pos += w.Length;
            return true;
        }
        return false;
    }

    private void RequireKeyword(string keyword)
    {
        if (!TryKeyword(keyword, out _)) throw Expected(keyword, keyword);
    }

    /// <summary>The identifier at the cursor (letters, digits, _, ., :), or null.</summary>
    private string? PeekWord()
    {
        SkipSpace();
        if (_pos >= _text.Length || !(char.IsLetter(_text[_pos]) || _text[_pos] == '_')) return null;
        var end = _pos;
        while (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] is '_' or '.' or ':')) end++;
        return _text[_pos..end];
    }

    private string ReadWord()
    {
        var w = PeekWord()!;
        _pos += w.Length;
        return w;
    }

    /// <summary>True when the word at the cursor is followed (after spaces) by <paramref name="c"/>.</summary>
    private bool PeekAfterWord(char c)
    {
        var w = PeekWord();
        if (w is null) return false;
        var i = _pos + w.Length;
        while (i < _text.Length && char.IsWhiteSpace(_text[i])) i++;
        return i < _text.Length && _text[i] == c;
    }

    private CqlException Expected(string en, string zh)
    {
        SkipSpace();
        var found = _pos >= _text.Length ? "the end of the filter" : $"'{_text[_pos..Math.Min(_text.Length, _pos + 12)]}'";
        var foundZh = _pos >= _text.Length ? "过滤条件结束" : $"“{_text[_pos..Math.Min(_text.Length, _pos + 12)]}”";
        return Error(_pos + 1, $"expected {en} but found {found}", $"应为{zh}，实际为{foundZh}");
    }

    private static CqlException Error(int position, string en, string zh) =>
        new(position, new LocalizedText($"filter, character {position}: {en}.", $"filter 第 {position} 个字符处：{zh}。"));
}
