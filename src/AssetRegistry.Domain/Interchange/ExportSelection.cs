using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.Spatial;
using NetTopologySuite.Geometries;

namespace AssetRegistry.Domain.Interchange;

/// <summary>
/// Which features an export writes and in which CRS: the rows <paramref name="Query"/> selects (bbox and filters,
/// as for item pages; its limit and offset are ignored), optionally only those intersecting
/// <paramref name="Area"/> (a polygon in WGS 84, SRID 4326), with coordinates transformed to
/// <paramref name="Crs"/>. Files always store easting/longitude first, whatever the EPSG axis order.
/// </summary>
public sealed record ExportSelection(FeatureQuery Query, SupportedCrs Crs, Geometry? Area = null);
