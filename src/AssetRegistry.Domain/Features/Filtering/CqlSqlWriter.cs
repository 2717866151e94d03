using System.Globalization;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Spatial;

namespace AssetRegistry.Domain.Features.Filtering;

/// <summary>
/// Turns a <see cref="CqlNode"/> tree into a SQL predicate over alias <c>t</c> of the kind's table. Property names
/// resolve only through <see cref="AssetKind.FindAttribute"/> (plus <c>geometry</c>); every literal becomes a
/// <c>$n</c> parameter; each comparison's two sides must have the same type (text, number, boolean, date,
/// timestamp), and an enumeration compared for equality must name one of its codes. Spatial predicates put the
/// literal in SRID 4326 and test <c>t.geometry &amp;&amp;</c> it first, so the GiST index is used.
/// </summary>
internal sealed class CqlSqlWriter(AssetKind kind, SupportedCrs filterCrs, List<object> values)
{
    /// <summary>Metres in one degree of latitude, rounded down (the least is 110,574 m at the equator), so the
    /// degree margin of S_DWITHIN's index test is never too small.</summary>
    private const double MetresPerDegreeLatitude = 110_000;

    /// <summary>Metres in one degree of longitude at the equator, rounded down (the true value is 111,320 m);
    /// multiplied by the cosine of the highest latitude reached.</summary>
    private const double MetresPerDegreeLongitudeAtEquator = 111_000;

    private enum ValueType { Text, Number, Boolean, Date, Timestamp, Geometry }

    private sealed record Operand(string Sql, ValueType Type, CqlNode Node, AttributeDefinition? Attribute, bool CaseInsensitive);

    public string Predicate(CqlNode node) => node switch
    {
        CqlAnd a => $"({Predicate(a.Left)} and {Predicate(a.Right)})",
        CqlOr o => $"({Predicate(o.Left)} or {Predicate(o.Right)})",
        CqlNot n => $"(not {Predicate(n.Operand)})",
        CqlBoolean b => b.Value ? "true" : "false",
        CqlComparison c => Comparison(c),
        CqlLike l => Like(l),
        CqlIn i => In(i),
        CqlBetween b => Between(b),
        CqlIsNull n => $"({Value(n.Value).Sql} is {(n.Negated ? "not " : "")}null)",
        CqlIntersects s => Intersects(s),
        CqlDWithin d => DWithin(d),
        _ => throw Error(node.Position, "expected a condition (a comparison, LIKE, IN, BETWEEN, IS NULL or a spatial function)",
            "应为条件（比较、LIKE、IN、BETWEEN、IS NULL 或空间函数）"),
    };

    private string Comparison(CqlComparison c)
    {
        var a = Value(c.Left);
        var b = Value(c.Right);
        CheckComparable(a, b, c.Operator is "=" or "<>");
        if (a.Type == ValueType.Boolean && c.Operator is not ("=" or "<>"))
            throw Error(c.Position, "true/false values can only be compared with = or <>", "是/否取值只能用 = 或 <> 比较");
        return $"({a.Sql} {c.Operator} {b.Sql})";
    }

    private string Like(CqlLike l)
    {
        var a = Value(l.Value);
        var p = Value(l.Pattern);
        if (a.Type != ValueType.Text) throw Error(l.Value.Position, $"LIKE needs text, but {Describe(a)}", $"LIKE 需要文本，但{DescribeZh(a)}");
        if (p.Node is not (CqlText or CqlCaseI { Operand: CqlText }))
            throw Error(l.Pattern.Position, "the LIKE pattern must be a quoted string such as 'QZ%'", "LIKE 的模式须为带引号的字符串，如 'QZ%'");
        return $"({a.Sql} {(l.Negated ? "not like" : "like")} {p.Sql})";
    }

    private string In(CqlIn i)
    {
        var a = Value(i.Value);
        var items = i.Items.Select(Value).ToList();
        foreach (var item in items) CheckComparable(a, item, equality: true);
        return $"({a.Sql} {(i.Negated ? "not in" : "in")} ({string.Join(",", items.Select(x => x.Sql))}))";
    }

    private string Between(CqlBetween b)
    {
        var a = Value(b.Value);
        var low = Value(b.Low);
        var high = Value(b.High);
        if (a.Type is not (ValueType.Number or ValueType.Date or ValueType.Timestamp))
            throw Error(b.Value.Position, $"BETWEEN needs a number, date or timestamp, but {Describe(a)}", $"BETWEEN 需要数字、日期或时间，但{DescribeZh(a)}");
        CheckComparable(a, low, equality: false);
        CheckComparable(a, high, equality: false);
        return $"({a.Sql} {(b.Negated ? "not between" : "between")} {low.Sql} and {high.Sql})";
    }

    private string Intersects(CqlIntersects s)
    {
        var a = Geometry(s.Left);
        var b = Geometry(s.Right);
        return $"({a.Sql} && {b.Sql} and ST_Intersects({a.Sql},{b.Sql}))";
    }

    /// <summary>Metres on the spheroid (geography), with a bounding-box test in degrees first that is never
    /// narrower than the distance: the literal's envelope grown by the metres as degrees of latitude, and as
    /// degrees of longitude at the highest latitude the grown box reaches.</summary>
    private string DWithin(CqlDWithin d)
    {
        var a = Geometry(d.Left);
        var b = Geometry(d.Right);
        values.Add(d.Metres);
        var m = $"${values.Count}";
        var exact = $"ST_DWithin({a.Sql}::geography,{b.Sql}::geography,{m})";
        var (column, literal) = a.Node is CqlProperty ? (a, b) : (b, a);
        if (column.Node is not CqlProperty || literal.Node is CqlProperty) return $"({exact})";
        var l = literal.Sql;
        var dy = $"({m}/{MetresPerDegreeLatitude.ToString(CultureInfo.InvariantCulture)})";
        var dx = $"({m}/({MetresPerDegreeLongitudeAtEquator.ToString(CultureInfo.InvariantCulture)}*cos(radians(least(89.0,greatest(abs(ST_YMin({l})),abs(ST_YMax({l})))+{dy})))))";
        return $"({column.Sql} && ST_Expand({l},{dx},{dy}) and {exact})";
    }

    private Operand Geometry(CqlNode node)
    {
        var o = Value(node);
        if (o.Type != ValueType.Geometry)
            throw Error(node.Position, $"a spatial function needs the geometry property or a geometry literal, but {Describe(o)}",
                $"空间函数需要 geometry 属性或几何字面量，但{DescribeZh(o)}");
        return o;
    }

    private Operand Value(CqlNode node)
    {
        switch (node)
        {
            case CqlProperty p when p.Name == "geometry":
                return new Operand("t.geometry", ValueType.Geometry, p, null, false);
            case CqlProperty p:
                var attribute = kind.FindAttribute(p.Name) ?? throw UnknownProperty(p);
                return new Operand("t." + FeatureSql.Quote(attribute.Name), TypeOf(attribute), p, attribute, false);
            case CqlText t: return Parameter(t.Value, ValueType.Text, t);
            case CqlNumber n: return Parameter(n.Value, ValueType.Number, n);
            case CqlBoolean b: return Parameter(b.Value, ValueType.Boolean, b);
            case CqlDate d: return Parameter(d.Value, ValueType.Date, d);
            case CqlTimestamp ts: return Parameter(ts.Value.UtcDateTime, ValueType.Timestamp, ts);
            case CqlGeometry g:
                return new Operand(CrsSql.GeometryIn4326(values, g.Value, filterCrs), ValueType.Geometry, g, null, false);
            case CqlBbox b:
                var (x1, y1, x2, y2) = CrsSql.EastingFirst(b.A, b.B, b.C, b.D, filterCrs);
                if (x1 > x2 || y1 > y2)
                    throw Error(b.Position, "BBOX must list its lower corner before its upper corner", "BBOX 须先写下角再写上角");
                return new Operand(CrsSql.BoxIn4326(values, x1, y1, x2, y2, filterCrs), ValueType.Geometry, b, null, false);
            case CqlCaseI c:
                var inner = Value(c.Operand);
                if (inner.Type != ValueType.Text)
                    throw Error(c.Position, $"CASEI needs text, but {Describe(inner)}", $"CASEI 需要文本，但{DescribeZh(inner)}");
                return new Operand($"lower({inner.Sql})", ValueType.Text, c, inner.Attribute, true);
            default:
                throw Error(node.Position, "expected a property name or a value", "应为属性名或取值");
        }
    }

    private Operand Parameter(object value, ValueType type, CqlNode node)
    {
        values.Add(value);
        return new Operand($"${values.Count}", type, node, null, false);
    }

    private static ValueType TypeOf(AttributeDefinition a) => a.Type switch
    {
        AttributeType.Text or AttributeType.Enumeration => ValueType.Text,
        AttributeType.Integer or AttributeType.Number or AttributeType.Reference => ValueType.Number,
        AttributeType.Boolean => ValueType.Boolean,
        AttributeType.Date => ValueType.Date,
        _ => ValueType.Timestamp,
    };

    private void CheckComparable(Operand a, Operand b, bool equality)
    {
        if (a.Type == ValueType.Geometry || b.Type == ValueType.Geometry)
        {
            var g = a.Type == ValueType.Geometry ? a : b;
            throw Error(g.Node.Position, "a geometry can only be tested with S_INTERSECTS or S_DWITHIN", "几何只能用 S_INTERSECTS 或 S_DWITHIN 检验");
        }
        if (a.Type != b.Type)
        {
            var (attr, other) = a.Attribute is not null ? (a, b) : (b, a);
            var hint = attr.Type switch
            {
                ValueType.Date => " (write a date as DATE('yyyy-mm-dd'))",
                ValueType.Timestamp => " (write a time as TIMESTAMP('yyyy-mm-ddThh:mm:ssZ'))",
                _ => "",
            };
            throw Error(other.Node.Position, $"cannot compare {Describe(attr)} with {Describe(other)}{hint}",
                $"无法比较：{DescribeZh(attr)}，而{DescribeZh(other)}");
        }
        if (!equality) return;
        foreach (var (enumeration, literal) in new[] { (a, b), (b, a) })
        {
            if (enumeration.Attribute is not { Type: AttributeType.Enumeration } e || enumeration.CaseInsensitive) continue;
            if (literal.Node is CqlText t && !e.Values.Contains(t.Value))
                throw Error(t.Position, $"{e.Name} has no value '{t.Value}'; its values are {string.Join(", ", e.Values)}",
                    $"{e.Name} 没有取值“{t.Value}”；可用取值：{string.Join("、", e.Values)}");
        }
    }

    private static string Describe(Operand o) => o.Attribute is { } a && o.Node is CqlProperty or CqlCaseI
        ? $"{a.Name} is {TypeName(o.Type)}"
        : $"the value at character {o.Node.Position} is {TypeName(o.Type)}";

    private static string DescribeZh(Operand o) => o.Attribute is { } a && o.Node is CqlProperty or CqlCaseI
        ? $"{a.Name} 为{TypeNameZh(o.Type)}"
        : $"第 {o.Node.Position} 个字符处的取值为{TypeNameZh(o.Type)}";

    private static string TypeName(ValueType t) => t switch
    {
        ValueType.Text => "text",
        ValueType.Number => "a number",
        ValueType.Boolean => "true/false",
        ValueType.Date => "a date",
        ValueType.Timestamp => "a timestamp",
        _ => "a geometry",
    };

    private static string TypeNameZh(ValueType t) => t switch
    {
        ValueType.Text => "文本",
        ValueType.Number => "数字",
        ValueType.Boolean => "是/否",
        ValueType.Date => "日期",
        ValueType.Timestamp => "时间",
        _ => "几何",
    };

    private CqlException UnknownProperty(CqlProperty p)
    {
        var known = string.Join(", ", kind.Attributes.Select(a => a.Name).Prepend("geometry"));
        return Error(p.Position, $"unknown property '{p.Name}'; the properties of {kind.CollectionId} are {known}",
            $"未知属性“{p.Name}”；{kind.CollectionId} 的属性有 {known}");
    }

    private static CqlException Error(int position, string en, string zh) =>
        new(position, new LocalizedText($"filter, character {position}: {en}.", $"filter 第 {position} 个字符处：{zh}。"));
}
