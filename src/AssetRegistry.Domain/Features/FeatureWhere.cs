using System.Text;

namespace AssetRegistry.Domain.Features;

/// <summary>
/// The WHERE clause of a <see cref="FeatureQuery"/> over alias <c>t</c> of the kind's table: one place for the
/// item pages, exports and anything else that selects features, so they all select the same rows.
/// </summary>
public static class FeatureWhere
{
    /// <summary>
    /// Builds <c>" where …"</c> (or an empty string when nothing filters) and appends its values to
    /// <paramref name="values"/>; placeholders are <c>$n</c> numbered after the values already in the list.
    /// The bbox is a polygon in SRID 4326 (transformed from <see cref="FeatureQuery.BboxCrs"/> when needed, never the
    /// column): <c>&amp;&amp;</c> on the GiST index first, then the exact <c>ST_Intersects</c>.
    /// </summary>
    public static string Build(FeatureQuery query, List<object> values)
    {
        var where = new StringBuilder();
        if (query.Bbox is { } b)
        {
            var box = CrsSql.BoxIn4326(values, b.MinLon, b.MinLat, b.MaxLon, b.MaxLat, query.BboxCrs);
            where.Append(" and t.geometry && ").Append(box).Append(" and ST_Intersects(t.geometry,").Append(box).Append(')');
        }
        foreach (var f in query.Filters)
        {
            values.Add(f.Value);
            where.Append(" and t.").Append(FeatureSql.Quote(f.Attribute.Name)).Append(" = $").Append(values.Count);
        }
        if (query.Filter is { } filter) where.Append(" and ").Append(filter.ToSql(values));
        return where.Length == 0 ? "" : " where true" + where;
    }
}

/// <summary>The ORDER BY of a <see cref="FeatureQuery"/>, next to its WHERE so pages and exports agree.</summary>
public static class FeatureOrder
{
    /// <summary><c>" order by …"</c>: the sort keys from the kind's attributes (missing values last either way),
    /// then the id, so the order is total and paging by offset never repeats or skips a feature.</summary>
    public static string Build(FeatureQuery query)
    {
        var sb = new StringBuilder(" order by ");
        foreach (var k in query.SortBy)
            sb.Append("t.").Append(FeatureSql.Quote(k.Attribute.Name)).Append(k.Descending ? " desc" : " asc").Append(" nulls last, ");
        return sb.Append("t.id").ToString();
    }
}
