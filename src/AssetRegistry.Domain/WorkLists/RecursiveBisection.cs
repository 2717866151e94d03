namespace AssetRegistry.Domain.WorkLists;

/// <summary>
/// Splits points into spatially compact groups of exact sizes by recursive coordinate bisection: halve the list of
/// groups, sort the points along the axis on which they spread most, give the first half of the groups as many
/// points as they need, and recurse on both sides. Each group ends up in its own box-shaped part of the area, so
/// a district shared by several crews is cut into one compact territory per crew. Pure and deterministic (ties by
/// input position). Cost: O(n log n · log k) for n points and k groups.
/// </summary>
public static class RecursiveBisection
{
    /// <summary>Assigns every point (metres in one frame) to a group: returns, per group, the indexes of its points.
    /// <paramref name="sizes"/> are the groups' exact sizes and must add up to the number of points.</summary>
    public static int[][] Split(IReadOnlyList<PlanarPoint> points, IReadOnlyList<int> sizes)
    {
        if (sizes.Any(s => s < 0)) throw new ArgumentException("Group sizes cannot be negative.", nameof(sizes));
        if (sizes.Sum() != points.Count)
            throw new ArgumentException($"Group sizes add up to {sizes.Sum()}, not to the {points.Count} points.", nameof(sizes));
        var groups = new int[sizes.Count][];
        if (sizes.Count == 0) return groups;
        SplitRange(points, Enumerable.Range(0, points.Count).ToArray(), sizes, 0, sizes.Count, groups);
        return groups;
    }

    private static void SplitRange(IReadOnlyList<PlanarPoint> points, int[] members, IReadOnlyList<int> sizes, int first, int end, int[][] groups)
    {
        if (end - first == 1)
        {
            groups[first] = members;
            return;
        }
        var middle = first + (end - first) / 2;
        var leftSize = 0;
        for (var g = first; g < middle; g++) leftSize += sizes[g];
        var spreadX = members.Length == 0 ? 0 : members.Max(m => points[m].X) - members.Min(m => points[m].X);
        var spreadY = members.Length == 0 ? 0 : members.Max(m => points[m].Y) - members.Min(m => points[m].Y);
        var sorted = spreadX >= spreadY
            ? members.OrderBy(m => points[m].X).ThenBy(m => points[m].Y).ThenBy(m => m).ToArray()
            : members.OrderBy(m => points[m].Y).ThenBy(m => points[m].X).ThenBy(m => m).ToArray();
        SplitRange(points, sorted[..leftSize], sizes, first, middle, groups);
        SplitRange(points, sorted[leftSize..], sizes, middle, end, groups);
    }
}

/// <summary>
/// Position along a Hilbert curve over a bounding box: points close on the curve are close in the plane, so
/// ordering by it keeps a partial selection (the tasks that fit when capacity is short) in one compact region
/// rather than scattered. Resolution 2¹⁶ cells a side.
/// </summary>
public static class HilbertIndex
{
    private const int Order = 16;
    private const int Side = 1 << Order;

    /// <summary>The curve index of <paramref name="p"/> within the box [minX, maxX] × [minY, maxY] (metres).</summary>
    public static long Of(PlanarPoint p, double minX, double minY, double maxX, double maxY)
    {
        long x = Cell(p.X, minX, maxX);
        long y = Cell(p.Y, minY, maxY);
        long d = 0;
        for (long s = Side / 2; s > 0; s /= 2)
        {
            var rx = (x & s) > 0 ? 1L : 0L;
            var ry = (y & s) > 0 ? 1L : 0L;
            d += s * s * ((3 * rx) ^ ry);
            if (ry == 0)
            {
                if (rx == 1)
                {
                    x = Side - 1 - x;
                    y = Side - 1 - y;
                }
                (x, y) = (y, x);
            }
        }
        return d;
    }

    private static long Cell(double v, double min, double max) =>
        max <= min ? 0 : Math.Clamp((long)((v - min) / (max - min) * (Side - 1)), 0, Side - 1);
}
