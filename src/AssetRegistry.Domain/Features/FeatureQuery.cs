using AssetRegistry.Domain.Assets;

namespace AssetRegistry.Domain.Features;

/// <summary>A bounding box in WGS 84 longitude/latitude (CRS84), degrees.</summary>
public readonly record struct BoundingBox(double MinLon, double MinLat, double MaxLon, double MaxLat);

/// <summary>An equality filter on one of a kind's attributes; <see cref="Value"/> is already converted to the
/// attribute's CLR type.</summary>
public sealed record AttributeFilter(AttributeDefinition Attribute, object Value);

/// <summary>A page request for a kind's items: spatial and attribute filters, limit and offset.</summary>
public sealed record FeatureQuery(AssetKind Kind, BoundingBox? Bbox, IReadOnlyList<AttributeFilter> Filters, int Limit, long Offset);

/// <summary>A page of GeoJSON Feature texts and the number of features matching the query.</summary>
public sealed record FeaturePage(long NumberMatched, IReadOnlyList<string> Features);
