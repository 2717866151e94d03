using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features.Filtering;
using AssetRegistry.Domain.Spatial;

namespace AssetRegistry.Domain.Features;

/// <summary>A bounding box, x (longitude or easting) before y (latitude or northing) whatever the CRS's axis order:
/// WGS 84 degrees (CRS84) unless <see cref="FeatureQuery.BboxCrs"/> names another CRS, then in its units.</summary>
public readonly record struct BoundingBox(double MinLon, double MinLat, double MaxLon, double MaxLat);

/// <summary>An equality filter on one of a kind's attributes; <see cref="Value"/> is already converted to the
/// attribute's CLR type.</summary>
public sealed record AttributeFilter(AttributeDefinition Attribute, object Value);

/// <summary>One sort key: an attribute of the kind, ascending unless <see cref="Descending"/>.</summary>
public sealed record FeatureSortKey(AttributeDefinition Attribute, bool Descending);

/// <summary>A page request for a kind's items: spatial and attribute filters, limit and offset; and, with
/// defaults that keep Part 1's behaviour, the output CRS, the bbox's CRS, a CQL2 filter and the sort order.</summary>
public sealed record FeatureQuery(AssetKind Kind, BoundingBox? Bbox, IReadOnlyList<AttributeFilter> Filters, int Limit, long Offset)
{
    /// <summary>The CRS of the returned geometries (Part 2 <c>crs</c>); CRS84 by default.</summary>
    public SupportedCrs Crs { get; init; } = SupportedCrs.Crs84;

    /// <summary>The CRS of <see cref="FeatureQuery.Bbox"/> (Part 2 <c>bbox-crs</c>); CRS84 by default.</summary>
    public SupportedCrs BboxCrs { get; init; } = SupportedCrs.Crs84;

    /// <summary>A CQL2 filter (Part 3 <c>filter</c>), ANDed with the other conditions; none by default.</summary>
    public FeatureFilter? Filter { get; init; }

    /// <summary>Sort keys in order (<c>sortby</c>); the id always breaks ties last. Empty: by id.</summary>
    public IReadOnlyList<FeatureSortKey> SortBy { get; init; } = [];
}

/// <summary>A page of GeoJSON Feature texts and the number of features matching the query.</summary>
public sealed record FeaturePage(long NumberMatched, IReadOnlyList<string> Features);
