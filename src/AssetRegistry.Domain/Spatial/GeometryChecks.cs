using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace AssetRegistry.Domain.Spatial;

/// <summary>
/// Checks a geometry before it is stored: SRID, finite WGS 84 coordinates, not empty, the kind's type, and
/// OGC validity (with the reason and the location, e.g. "Self-intersection at 118.5912 24.9087").
/// </summary>
public static class GeometryChecks
{
    /// <summary>Returns the first problem found, or null when the geometry may be stored. Cost: O(n log n) in
    /// the number of vertices (validity).</summary>
    public static string? FindProblem(Geometry geometry, IReadOnlyList<string> allowedTypes)
    {
        if (geometry.IsEmpty) return "The geometry is empty.";
        if (!allowedTypes.Contains(geometry.GeometryType))
            return $"A {geometry.GeometryType} is not accepted here; expected {string.Join(" or ", allowedTypes)}.";
        foreach (var c in geometry.Coordinates)
        {
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y))
                return "A coordinate is not a finite number.";
            if (c.X is < -180 or > 180 || c.Y is < -90 or > 90)
                return $"The coordinate {Format(c)} is not a WGS 84 longitude/latitude.";
        }
        if (geometry is LineString line && line.Length == 0)
            return "The line has zero length.";
        var op = new IsValidOp(geometry);
        if (!op.IsValid)
        {
            var e = op.ValidationError;
            return $"{e.Message} at {Format(e.Coordinate)}.";
        }
        return null;
    }

    private static string Format(Coordinate c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.X:0.######} {c.Y:0.######}");
}
