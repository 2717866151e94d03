namespace AssetRegistry.Domain.WorkLists;

/// <summary>An order of visiting stops and the length of the path through them in that order.</summary>
/// <param name="Order">Indexes into the stops, first stop first.</param>
/// <param name="LengthMetres">Sum of the straight legs between consecutive stops, metres (0 for fewer than two stops).</param>
public sealed record RouteOrder(IReadOnlyList<int> Order, double LengthMetres);

/// <summary>
/// Orders the stops of one work list as an open route (the crew starts at the first stop and ends at the last):
/// nearest neighbour from the stop farthest from the stops' centroid, then 2-opt (reversing segments, including
/// either end of the path) until no reversal shortens it. Distances are straight lines in a local metric frame
/// (metres), or any symmetric distance the caller gives, such as walking distances along the street network from
/// pgRouting (<see cref="StreetDistanceMatrix"/>). Pure and deterministic: ties go to the lower index. Cost: O(n²) for nearest neighbour and O(n²) per 2-opt pass; a few
/// passes for the few hundred stops of a day's list.
/// </summary>
public static class RouteOrdering
{
    /// <summary>Shortening below this (metres) does not count as an improvement, so rounding cannot loop.</summary>
    private const double ImprovementEpsilonMetres = 1e-9;

    /// <summary>The route through <paramref name="stops"/> (metres in one frame): nearest neighbour improved by 2-opt.</summary>
    public static RouteOrder Plan(IReadOnlyList<PlanarPoint> stops) =>
        Plan(stops.Count, Straight(stops), FarthestFromCentroid(stops));

    /// <summary>The route through <paramref name="count"/> stops under <paramref name="distance"/> (metres, symmetric),
    /// starting from <paramref name="start"/>: nearest neighbour improved by 2-opt.</summary>
    public static RouteOrder Plan(int count, Func<int, int, double> distance, int start)
    {
        var order = NearestNeighbour(count, distance, start);
        TwoOpt(distance, order);
        return new RouteOrder(order, PathLength(distance, order));
    }

    /// <summary>Length in metres of visiting <paramref name="stops"/> in <paramref name="order"/> (an open path).</summary>
    public static double PathLength(IReadOnlyList<PlanarPoint> stops, IReadOnlyList<int> order) => PathLength(Straight(stops), order);

    /// <summary>Length in metres of the open path <paramref name="order"/> under <paramref name="distance"/>.</summary>
    public static double PathLength(Func<int, int, double> distance, IReadOnlyList<int> order)
    {
        var length = 0.0;
        for (var i = 1; i < order.Count; i++) length += distance(order[i - 1], order[i]);
        return length;
    }

    /// <summary>The nearest-neighbour path from <paramref name="start"/>: always go to the closest stop not yet
    /// visited. Empty for no stops.</summary>
    public static int[] NearestNeighbour(IReadOnlyList<PlanarPoint> stops, int start) => NearestNeighbour(stops.Count, Straight(stops), start);

    /// <summary>As <see cref="NearestNeighbour(IReadOnlyList{PlanarPoint}, int)"/> under <paramref name="distance"/>.</summary>
    public static int[] NearestNeighbour(int count, Func<int, int, double> distance, int start)
    {
        var n = count;
        var order = new int[n];
        if (n == 0) return order;
        var visited = new bool[n];
        var current = start;
        visited[current] = true;
        order[0] = current;
        for (var k = 1; k < n; k++)
        {
            var best = -1;
            var bestDistance = double.PositiveInfinity;
            for (var j = 0; j < n; j++)
            {
                if (visited[j]) continue;
                var d = distance(current, j);
                if (d < bestDistance) { bestDistance = d; best = j; }
            }
            visited[best] = true;
            order[k] = current = best;
        }
        return order;
    }

    private static Func<int, int, double> Straight(IReadOnlyList<PlanarPoint> stops) => (i, j) => stops[i].DistanceTo(stops[j]);

    /// <summary>Improves the open path <paramref name="order"/> in place by 2-opt: while reversing some segment
    /// <c>order[i+1..j]</c> shortens the path, reverse it. A segment may start at the first stop or end at the
    /// last (an open path has no edge there), so the ends move too. Returns the number of reversals made.</summary>
    public static int TwoOpt(IReadOnlyList<PlanarPoint> stops, int[] order) => TwoOpt(Straight(stops), order);

    /// <summary>As <see cref="TwoOpt(IReadOnlyList{PlanarPoint}, int[])"/> under <paramref name="distance"/> (symmetric).</summary>
    public static int TwoOpt(Func<int, int, double> distance, int[] order)
    {
        var n = order.Length;
        var reversals = 0;
        bool improved;
        do
        {
            improved = false;
            // i = -1: the segment starts at the first stop (no edge before it).
            for (var i = -1; i < n - 2; i++)
            {
                for (var j = i + 2; j < n; j++)
                {
                    if (i == -1 && j == n - 1) continue; // reversing the whole path changes nothing
                    var b = order[i + 1];
                    var c = order[j];
                    var before = 0.0;
                    var after = 0.0;
                    if (i >= 0)
                    {
                        var a = order[i];
                        before += distance(a, b);
                        after += distance(a, c);
                    }
                    if (j + 1 < n)
                    {
                        var d = order[j + 1];
                        before += distance(c, d);
                        after += distance(b, d);
                    }
                    if (after < before - ImprovementEpsilonMetres)
                    {
                        Array.Reverse(order, i + 1, j - i);
                        reversals++;
                        improved = true;
                    }
                }
            }
        } while (improved);
        return reversals;
    }

    /// <summary>Index of the stop farthest from the centroid (an end of the spread), 0 when there is none.</summary>
    private static int FarthestFromCentroid(IReadOnlyList<PlanarPoint> stops)
    {
        if (stops.Count == 0) return 0;
        var centroid = new PlanarPoint(stops.Average(s => s.X), stops.Average(s => s.Y));
        var best = 0;
        var bestDistance = -1.0;
        for (var i = 0; i < stops.Count; i++)
        {
            var d = stops[i].DistanceTo(centroid);
            if (d > bestDistance) { bestDistance = d; best = i; }
        }
        return best;
    }
}
