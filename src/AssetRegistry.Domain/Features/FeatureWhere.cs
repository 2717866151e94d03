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
    /// </summary>
    public static string Build(FeatureQuery query, List<object> values)
    {
        var where = new StringBuilder();
        if (query.Bbox is { } b)
        {
            // The envelope is built in the column's SRID, so the GiST index on t.geometry is used.
            var n = values.Count;
            where.Append(" and t.geometry && ST_MakeEnvelope($").Append(n + 1).Append(",$").Append(n + 2)
                 .Append(",$").Append(n + 3).Append(",$").Append(n + 4).Append(",4326)");
            values.AddRange([b.MinLon, b.MinLat, b.MaxLon, b.MaxLat]);
        }
        foreach (var f in query.Filters)
        {
            values.Add(f.Value);
            where.Append(" and t.").Append(FeatureSql.Quote(f.Attribute.Name)).Append(" = $").Append(values.Count);
        }
        return where.Length == 0 ? "" : " where true" + where;
    }
}
