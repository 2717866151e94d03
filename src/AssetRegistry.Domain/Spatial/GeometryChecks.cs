using System.Globalization;
using NetTopologySuite.Geometries;
using AssetRegistry.Domain.Assets;
using NetTopologySuite.Operation.Valid;

namespace AssetRegistry.Domain.Spatial;

/// <summary>
/// Checks a geometry before it is stored: SRID, finite WGS 84 coordinates, not empty, the kind's type, and
/// OGC validity (with the reason and the location, e.g. "Self-intersection at 118.5912 24.9087").
/// </summary>
public static class GeometryChecks
{
    /// <summary>Returns the first problem found (in English), or null when the geometry may be stored.</summary>
    public static string? FindProblem(Geometry geometry, IReadOnlyList<string> allowedTypes) =>
        FindLocalizedProblem(geometry, allowedTypes)?.En;

    /// <summary>Returns the first problem found in English and Chinese, or null when the geometry may be stored.
    /// Cost: O(n log n) in the number of vertices (validity).</summary>
    public static LocalizedText? FindLocalizedProblem(Geometry geometry, IReadOnlyList<string> allowedTypes)
    {
        if (geometry.IsEmpty) return new("The geometry is empty.", "几何图形为空。");
        if (!allowedTypes.Contains(geometry.GeometryType))
            return new($"A {geometry.GeometryType} is not accepted here; expected {string.Join(" or ", allowedTypes)}.",
                $"此处不接受 {geometry.GeometryType}，应为 {string.Join(" 或 ", allowedTypes)}。");
        foreach (var c in geometry.Coordinates)
        {
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y))
                return new("A coordinate is not a finite number.", "存在非有限数值的坐标。");
            if (c.X is < -180 or > 180 || c.Y is < -90 or > 90)
                return new($"The coordinate {Format(c)} is not a WGS 84 longitude/latitude.", $"坐标 {Format(c)} 不是 WGS 84 经纬度。");
        }
        if (geometry is LineString line && line.Length == 0)
            return new("The line has zero length.", "线的长度为零。");
        var op = new IsValidOp(geometry);
        if (!op.IsValid)
        {
            var e = op.ValidationError;
            return new($"{e.Message} at {Format(e.Coordinate)}.", $"{Chinese(e.ErrorType)}，位置 {Format(e.Coordinate)}。");
        }
        return null;
    }

    private static string Chinese(TopologyValidationErrors error) => error switch
    {
        TopologyValidationErrors.SelfIntersection => "自相交",
        TopologyValidationErrors.RingSelfIntersection => "环自相交",
        TopologyValidationErrors.HoleOutsideShell => "内环位于外环之外",
        TopologyValidationErrors.NestedHoles => "内环嵌套",
        TopologyValidationErrors.DisconnectedInteriors => "内部不连通",
        TopologyValidationErrors.NestedShells => "外环嵌套",
        TopologyValidationErrors.DuplicateRings => "环重复",
        TopologyValidationErrors.TooFewPoints => "点数过少",
        TopologyValidationErrors.InvalidCoordinate => "坐标无效",
        TopologyValidationErrors.RingNotClosed => "环未闭合",
        _ => "几何无效",
    };

    private static string Format(Coordinate c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.X:0.######} {c.Y:0.######}");
}
