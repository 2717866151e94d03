using System.Globalization;
using AssetRegistry.Domain.Features.Filtering;
using AssetRegistry.Domain.Kinds;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Spatial;

namespace AssetRegistry.Tests.Model;

/// <summary>CQL2 text in, a fully parenthesised tree out; and every refusal with its character position.</summary>
public sealed class Cql2ParserTests
{
    private static readonly RegistryRules Rules = new();

    /// <summary>The tree written back with every node in parentheses, so precedence shows.</summary>
    private static string Show(CqlNode n) => n switch
    {
        CqlAnd a => $"({Show(a.Left)} AND {Show(a.Right)})",
        CqlOr o => $"({Show(o.Left)} OR {Show(o.Right)})",
        CqlNot x => $"(NOT {Show(x.Operand)})",
        CqlComparison c => $"({Show(c.Left)} {c.Operator} {Show(c.Right)})",
        CqlLike l => $"({Show(l.Value)} {(l.Negated ? "NOT LIKE" : "LIKE")} {Show(l.Pattern)})",
        CqlIn i => $"({Show(i.Value)} {(i.Negated ? "NOT IN" : "IN")} [{string.Join(", ", i.Items.Select(Show))}])",
        CqlBetween b => $"({Show(b.Value)} {(b.Negated ? "NOT BETWEEN" : "BETWEEN")} {Show(b.Low)} AND {Show(b.High)})",
        CqlIsNull i => $"({Show(i.Value)} IS {(i.Negated ? "NOT NULL" : "NULL")})",
        CqlIntersects s => $"S_INTERSECTS({Show(s.Left)}, {Show(s.Right)})",
        CqlDWithin d => FormattableString.Invariant($"S_DWITHIN({Show(d.Left)}, {Show(d.Right)}, {d.Metres} m)"),
        CqlProperty p => p.Name,
        CqlText t => $"'{t.Value}'",
        CqlNumber x => x.Value.ToString(CultureInfo.InvariantCulture),
        CqlBoolean b => b.Value ? "TRUE" : "FALSE",
        CqlDate d => $"DATE {d.Value:yyyy-MM-dd}",
        CqlTimestamp t => $"TIMESTAMP {t.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}",
        CqlGeometry g => g.Value.AsText(),
        CqlBbox b => FormattableString.Invariant($"BBOX {b.A} {b.B} {b.C} {b.D}"),
        CqlCaseI c => $"CASEI {Show(c.Operand)}",
        _ => "?",
    };

    [Theory]
    [InlineData("status = 'planned'", "(status = 'planned')")]
    [InlineData("depth_m<>2", "(depth_m <> 2)")]
    [InlineData("depth_m <= -1.5e1", "(depth_m <= -15)")]
    [InlineData("a = 1 OR b = 2 AND c = 3", "((a = 1) OR ((b = 2) AND (c = 3)))")]
    [InlineData("(a = 1 OR b = 2) AND c = 3", "(((a = 1) OR (b = 2)) AND (c = 3))")]
    [InlineData("NOT a = 1 AND b = 2", "((NOT (a = 1)) AND (b = 2))")]
    [InlineData("NOT (a = 1 AND b = 2)", "(NOT ((a = 1) AND (b = 2)))")]
    [InlineData("a = 1 or not b > 2 and c < 3", "((a = 1) OR ((NOT (b > 2)) AND (c < 3)))")]
    [InlineData("a = 1 AND b = 2 AND c = 3", "(((a = 1) AND (b = 2)) AND (c = 3))")]
    [InlineData("name LIKE 'QZ%'", "(name LIKE 'QZ%')")]
    [InlineData("name not like 'a_b'", "(name NOT LIKE 'a_b')")]
    [InlineData("network IN ('rain', 'sewage')", "(network IN ['rain', 'sewage'])")]
    [InlineData("network NOT IN ('gas')", "(network NOT IN ['gas'])")]
    [InlineData("depth_m BETWEEN 1 AND 2.5", "(depth_m BETWEEN 1 AND 2.5)")]
    [InlineData("depth_m NOT BETWEEN 1 AND 2 OR a = 1", "((depth_m NOT BETWEEN 1 AND 2) OR (a = 1))")]
    [InlineData("owner IS NULL", "(owner IS NULL)")]
    [InlineData("owner is not null", "(owner IS NOT NULL)")]
    [InlineData("name = 'O''Brien'", "(name = 'O'Brien')")]
    [InlineData("\"status\" = 'planned'", "(status = 'planned')")]
    [InlineData("is_outfall = TRUE", "(is_outfall = TRUE)")]
    [InlineData("TRUE", "TRUE")]
    [InlineData("install_date >= DATE('2020-01-01')", "(install_date >= DATE 2020-01-01)")]
    [InlineData("updated_at < TIMESTAMP('2024-05-01T08:00:00+08:00')", "(updated_at < TIMESTAMP 2024-05-01T00:00:00Z)")]
    [InlineData("CASEI(name) = casei('ABC')", "(CASEI name = CASEI 'ABC')")]
    [InlineData("S_INTERSECTS(geometry, POINT(118.6 24.8))", "S_INTERSECTS(geometry, POINT (118.6 24.8))")]
    [InlineData("s_intersects(geometry,BBOX(118,24,119,25))", "S_INTERSECTS(geometry, BBOX 118 24 119 25)")]
    [InlineData("S_DWITHIN(geometry, POINT(1 2), 2, kilometers)", "S_DWITHIN(geometry, POINT (1 2), 2000 m)")]
    [InlineData("S_DWITHIN(geometry, POINT(1 2), 25.5, meters) AND a = 1", "(S_DWITHIN(geometry, POINT (1 2), 25.5 m) AND (a = 1))")]
    public void Parse_BuildsTheTreeWithCql2Precedence(string filter, string expected) =>
        Assert.Equal(expected, Show(Cql2TextParser.Parse(filter, Rules)));

    [Theory]
    [InlineData("status = ", 10, "expected a property name or a value but found the end of the filter")]
    [InlineData("status == 'a'", 9, "expected a property name or a value but found '= 'a''")]
    [InlineData("(a = 1", 7, "expected a closing parenthesis ')'")]
    [InlineData("a = 'abc", 5, "not closed")]
    [InlineData("a = 1 b = 2", 7, "expected AND, OR or the end of the filter")]
    [InlineData("a IN (1, 2", 11, "expected ',' or ')' in the IN list")]
    [InlineData("a BETWEEN 1 2", 13, "expected AND")]
    [InlineData("a NOT = 1", 7, "LIKE, BETWEEN or IN after NOT")]
    [InlineData("a", 2, "expected a comparison")]
    [InlineData("AND = 1", 1, "expected a property name or a value")]
    [InlineData("FOO(a) = 1", 1, "unknown function 'FOO'")]
    [InlineData("a = 1e999", 5, "expected a number")]
    [InlineData("install_date = DATE('2020-13-01')", 16, "not a date")]
    [InlineData("updated_at = TIMESTAMP('2024-05-01 08:00')", 14, "not an RFC 3339 timestamp")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0)))", 24, "not valid")]
    [InlineData("S_INTERSECTS(geometry, POINT(1 2 3 4 5))", 24, "not valid WKT")]
    [InlineData("S_INTERSECTS(geometry, BBOX(1, 2, 3))", 36, "expected ',' between the four BBOX numbers but found '))'")]
    [InlineData("S_DWITHIN(geometry, POINT(1 2), -5, meters)", 33, "distance of zero or more")]
    [InlineData("S_DWITHIN(geometry, POINT(1 2), 5, feet)", 36, "units must be meters or kilometers")]
    [InlineData("", 1, "empty")]
    public void Parse_MalformedFilter_NamesThePositionAndWhatWasExpected(string filter, int position, string message)
    {
        var e = Assert.Throws<CqlException>(() => Cql2TextParser.Parse(filter, Rules));
        Assert.Equal(position, e.Position);
        Assert.Contains(message, e.Text.En);
        Assert.Contains($"character {position}", e.Text.En);
        Assert.Contains($"第 {position} 个字符", e.Text.Zh);
    }

    [Fact]
    public void Parse_NestingDeeperThanTheLimit_IsRefused()
    {
        var depth = Rules.MaxFilterDepth;
        Cql2TextParser.Parse(new string('(', depth) + "a = 1" + new string(')', depth), Rules);
        var e = Assert.Throws<CqlException>(() => Cql2TextParser.Parse(new string('(', depth + 1) + "a = 1" + new string(')', depth + 1), Rules));
        Assert.Contains("nests deeper than", e.Text.En);
        var nots = Assert.Throws<CqlException>(() => Cql2TextParser.Parse(string.Concat(Enumerable.Repeat("NOT ", depth + 1)) + "a = 1", Rules));
        Assert.Contains("nests deeper than", nots.Text.En);
    }

    [Fact]
    public void Parse_FilterLongerThanTheLimit_IsRefused()
    {
        var e = Assert.Throws<CqlException>(() => Cql2TextParser.Parse("a = '" + new string('x', Rules.MaxFilterLength) + "'", Rules));
        Assert.Contains($"longer than {Rules.MaxFilterLength} characters", e.Text.En);
    }

    [Fact]
    public void Parse_InListLongerThanTheLimit_IsRefused()
    {
        var ok = "a IN (" + string.Join(",", Enumerable.Range(1, Rules.MaxFilterListItems)) + ")";
        Assert.Equal(Rules.MaxFilterListItems, ((CqlIn)Cql2TextParser.Parse(ok, Rules)).Items.Count);
        var e = Assert.Throws<CqlException>(() => Cql2TextParser.Parse("a IN (" + string.Join(",", Enumerable.Range(1, Rules.MaxFilterListItems + 1)) + ")", Rules));
        Assert.Contains($"at most {Rules.MaxFilterListItems} values", e.Text.En);
    }

    [Fact]
    public void Parse_WktWithMoreVerticesThanTheLimit_IsRefused()
    {
        var vertices = Enumerable.Range(0, Rules.MaxFilterVertices + 1).Select(i => FormattableString.Invariant($"{i} 0"));
        var e = Assert.Throws<CqlException>(() => Cql2TextParser.Parse($"S_INTERSECTS(geometry, LINESTRING({string.Join(",", vertices)}))", Rules));
        Assert.Equal(24, e.Position);
        Assert.Contains($"at most {Rules.MaxFilterVertices} are allowed", e.Text.En);
    }

    [Theory]
    [InlineData("colour = 'red'", 1, "unknown property 'colour'; the properties of manholes are geometry, code, name,")]
    [InlineData("status = 'planned' AND \"Depth\" > 1", 24, "unknown property 'Depth'")]
    [InlineData("cover_diameter_mm = 'abc'", 21, "cannot compare cover_diameter_mm is a number with the value at character 21 is text")]
    [InlineData("install_date > '2020-01-01'", 16, "write a date as DATE('yyyy-mm-dd')")]
    [InlineData("depth_m = TRUE", 11, "cannot compare depth_m is a number")]
    [InlineData("network = depth_m", 11, "cannot compare network is text with depth_m is a number")]
    [InlineData("status = 'broken'", 10, "status has no value 'broken'; its values are")]
    [InlineData("network IN ('rain', 'lava')", 21, "network has no value 'lava'")]
    [InlineData("depth_m LIKE '1%'", 1, "LIKE needs text, but depth_m is a number")]
    [InlineData("name LIKE code", 11, "the LIKE pattern must be a quoted string")]
    [InlineData("is_outfall > FALSE", 12, "true/false values can only be compared with = or <>")]
    [InlineData("name BETWEEN 'a' AND 'b'", 1, "BETWEEN needs a number, date or timestamp")]
    [InlineData("CASEI(depth_m) = 1", 1, "CASEI needs text")]
    [InlineData("geometry = 1", 1, "a geometry can only be tested with S_INTERSECTS or S_DWITHIN")]
    [InlineData("S_INTERSECTS(name, POINT(118 24))", 14, "a spatial function needs the geometry property or a geometry literal")]
    [InlineData("S_INTERSECTS(geometry, BBOX(119, 24, 118, 25))", 24, "BBOX must list its lower corner before its upper corner")]
    public void FeatureFilter_PropertyOrTypeTheKindDoesNotHave_IsRefusedWithPosition(string filter, int position, string message)
    {
        var e = Assert.Throws<CqlException>(() => FeatureFilter.Parse(new ManholeKind(), filter, SupportedCrs.Crs84, Rules));
        Assert.Equal(position, e.Position);
        Assert.Contains(message, e.Text.En);
    }

    [Fact]
    public void FeatureFilter_ValuesBecomeParametersNeverSqlText()
    {
        var filter = FeatureFilter.Parse(new ManholeKind(), "name = 'x''; drop table manholes; --' OR CASEI(owner) LIKE CASEI('%Bureau%')", SupportedCrs.Crs84, Rules);
        var values = new List<object> { "earlier" };
        var sql = filter.ToSql(values);
        Assert.Equal("((t.\"name\" = $2) or (lower(t.\"owner\") like lower($3)))", sql);
        Assert.Equal(["earlier", "x'; drop table manholes; --", "%Bureau%"], values);
    }
}
