using NetTopologySuite.Geometries;

namespace AssetRegistry.Domain.Features.Filtering;

/// <summary>
/// A node of a parsed CQL2 text filter (OGC 21-065). <see cref="Position"/> is the 1-based character position in
/// the filter text where the node starts, so every error can point at what the user wrote.
/// </summary>
public abstract record CqlNode(int Position);

/// <summary><c>a AND b</c>.</summary>
public sealed record CqlAnd(CqlNode Left, CqlNode Right, int Position) : CqlNode(Position);

/// <summary><c>a OR b</c>.</summary>
public sealed record CqlOr(CqlNode Left, CqlNode Right, int Position) : CqlNode(Position);

/// <summary><c>NOT a</c>.</summary>
public sealed record CqlNot(CqlNode Operand, int Position) : CqlNode(Position);

/// <summary>A binary comparison; <see cref="Operator"/> is one of <c>= &lt;&gt; &lt; &gt; &lt;= &gt;=</c>.</summary>
public sealed record CqlComparison(string Operator, CqlNode Left, CqlNode Right, int Position) : CqlNode(Position);

/// <summary><c>value [NOT] LIKE pattern</c>; the pattern's wildcards are <c>%</c> and <c>_</c>, escaped with <c>\</c>.</summary>
public sealed record CqlLike(CqlNode Value, CqlNode Pattern, bool Negated, int Position) : CqlNode(Position);

/// <summary><c>value [NOT] IN (a, b, …)</c>.</summary>
public sealed record CqlIn(CqlNode Value, IReadOnlyList<CqlNode> Items, bool Negated, int Position) : CqlNode(Position);

/// <summary><c>value [NOT] BETWEEN low AND high</c> (both ends included).</summary>
public sealed record CqlBetween(CqlNode Value, CqlNode Low, CqlNode High, bool Negated, int Position) : CqlNode(Position);

/// <summary><c>value IS [NOT] NULL</c>.</summary>
public sealed record CqlIsNull(CqlNode Value, bool Negated, int Position) : CqlNode(Position);

/// <summary><c>S_INTERSECTS(a, b)</c>.</summary>
public sealed record CqlIntersects(CqlNode Left, CqlNode Right, int Position) : CqlNode(Position);

/// <summary><c>S_DWITHIN(a, b, distance, units)</c>, the registry's extension: true when the two geometries lie
/// within <see cref="Metres"/> of each other on the WGS 84 spheroid. Units are metres or kilometres and are
/// already converted.</summary>
public sealed record CqlDWithin(CqlNode Left, CqlNode Right, double Metres, int Position) : CqlNode(Position);

/// <summary>A queryable property, bare (<c>status</c>) or double-quoted (<c>"status"</c>).</summary>
public sealed record CqlProperty(string Name, int Position) : CqlNode(Position);

/// <summary>A character string literal, with <c>''</c> already unescaped.</summary>
public sealed record CqlText(string Value, int Position) : CqlNode(Position);

/// <summary>A numeric literal (finite).</summary>
public sealed record CqlNumber(double Value, int Position) : CqlNode(Position);

/// <summary><c>TRUE</c> or <c>FALSE</c>.</summary>
public sealed record CqlBoolean(bool Value, int Position) : CqlNode(Position);

/// <summary><c>DATE('yyyy-mm-dd')</c>.</summary>
public sealed record CqlDate(DateOnly Value, int Position) : CqlNode(Position);

/// <summary><c>TIMESTAMP('…')</c>, an RFC 3339 instant, kept in UTC.</summary>
public sealed record CqlTimestamp(DateTimeOffset Value, int Position) : CqlNode(Position);

/// <summary>A WKT geometry literal as written: coordinates in the filter CRS and in its axis order.</summary>
public sealed record CqlGeometry(Geometry Value, int Position) : CqlNode(Position);

/// <summary><c>BBOX(x1, y1, x2, y2)</c> as written: in the filter CRS and in its axis order.</summary>
public sealed record CqlBbox(double A, double B, double C, double D, int Position) : CqlNode(Position);

/// <summary><c>CASEI(value)</c>: compare text without regard to case.</summary>
public sealed record CqlCaseI(CqlNode Operand, int Position) : CqlNode(Position);

/// <summary>A filter that cannot be used: where it goes wrong (1-based character position) and why, in both
/// languages. The message already names the position.</summary>
public sealed class CqlException(int position, Assets.LocalizedText text) : Exception(text.En)
{
    /// <summary>1-based character position in the filter text.</summary>
    public int Position { get; } = position;

    /// <summary>What went wrong, with the position, in English and Chinese.</summary>
    public Assets.LocalizedText Text { get; } = text;
}
