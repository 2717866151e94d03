using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Spatial;

namespace AssetRegistry.Domain.Features.Filtering;

/// <summary>
/// A CQL2 text filter (OGC API – Features Part 3) checked against one kind: parsed, its properties resolved
/// through the kind's attributes and its literal types checked, so a filter that exists can always be turned into
/// SQL. Geometry literals are in <see cref="Crs"/> (the request's <c>filter-crs</c>, CRS84 by default) and in
/// that CRS's axis order.
/// </summary>
public sealed class FeatureFilter
{
    private FeatureFilter(AssetKind kind, string text, CqlNode tree, SupportedCrs crs)
    {
        Kind = kind;
        Text = text;
        Tree = tree;
        Crs = crs;
    }

    /// <summary>The kind whose attributes the filter names.</summary>
    public AssetKind Kind { get; }

    /// <summary>The filter as the client wrote it.</summary>
    public string Text { get; }

    /// <summary>The parsed expression.</summary>
    public CqlNode Tree { get; }

    /// <summary>The CRS of the geometry literals.</summary>
    public SupportedCrs Crs { get; }

    /// <summary>Parses and checks <paramref name="text"/> for <paramref name="kind"/>; throws
    /// <see cref="CqlException"/> naming the character position and the reason when it cannot be used.</summary>
    public static FeatureFilter Parse(AssetKind kind, string text, SupportedCrs crs, RegistryRules rules)
    {
        var filter = new FeatureFilter(kind, text, Cql2TextParser.Parse(text, rules), crs);
        filter.ToSql([]);
        return filter;
    }

    /// <summary>The predicate over alias <c>t</c>, with its values appended to <paramref name="values"/> as
    /// <c>$n</c> parameters numbered after those already there.</summary>
    public string ToSql(List<object> values) => new CqlSqlWriter(Kind, Crs, values).Predicate(Tree);
}
