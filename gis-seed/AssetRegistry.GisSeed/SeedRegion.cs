using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Union;

namespace AssetRegistry.GisSeed;

/// <summary>
/// Where seed assets may go: the central districts, each shrunk inwards by <see cref="BorderMarginDegrees"/> so that
/// every asset is unambiguously inside exactly one district (the one holding its point on surface), and the union of all
/// districts for assets that span a district border (river bridges). Geometries are WGS 84 (SRID 4326).
/// </summary>
internal sealed class SeedRegion
{
    /// <summary>Inward margin from district borders, degrees (about 17 m).</summary>
    public const double BorderMarginDegrees = 0.00016;

    private readonly List<(string Adcode, string Name, double MinLat, double MaxLat, IPreparedGeometry Inner)> _central = [];
    private readonly IPreparedGeometry _allInner;

    public SeedRegion(IReadOnlyList<(string Adcode, string Name, MultiPolygon Geometry)> districts)
    {
        foreach (var (adcode, minLat, maxLat) in QuanzhouGeography.CentralDistricts)
        {
            var d = districts.FirstOrDefault(x => x.Adcode == adcode);
            if (d.Geometry is null) continue;
            var inner = d.Geometry.Buffer(-BorderMarginDegrees);
            foreach (var other in districts.Where(o => o.Adcode != adcode))
                if (other.Geometry.EnvelopeInternal.Intersects(inner.EnvelopeInternal))
                    inner = inner.Difference(other.Geometry.Buffer(BorderMarginDegrees));
            _central.Add((adcode, d.Name, minLat, maxLat, PreparedGeometryFactory.Prepare(inner)));
        }
        if (_central.Count == 0) throw new InvalidOperationException("None of the central districts (350502, 350503, 350504, 350582) is in the district list.");
        var all = UnaryUnionOp.Union(districts.Select(d => (Geometry)d.Geometry).ToList());
        _allInner = PreparedGeometryFactory.Prepare(all.Buffer(-0.00005));
        Envelope = new Envelope();
        foreach (var c in _central) Envelope.ExpandToInclude(c.Inner.Geometry.EnvelopeInternal);
    }

    /// <summary>Bounding box (degrees) of the central districts.</summary>
    public Envelope Envelope { get; }

    /// <summary>Name of a central district.</summary>
    public string DistrictName(string adcode) => _central.First(c => c.Adcode == adcode).Name;

    /// <summary>Adcode of the central district whose inner area holds the point and whose latitude band allows it, else null.</summary>
    public string? DistrictOfPoint(Coordinate c, bool applyBands = true)
    {
        var p = new Point(c);
        foreach (var d in _central)
        {
            if (applyBands && (c.Y < d.MinLat || c.Y > d.MaxLat)) continue;
            if (d.Inner.Contains(p)) return d.Adcode;
        }
        return null;
    }

    /// <summary>True when <paramref name="g"/> lies entirely inside the inner area of district <paramref name="adcode"/>.</summary>
    public bool IsInside(string adcode, Geometry g)
    {
        foreach (var d in _central) if (d.Adcode == adcode) return d.Inner.Covers(g);
        return false;
    }

    /// <summary>The district holding <paramref name="g"/> entirely (inner area), or null.</summary>
    public string? DistrictCovering(Geometry g)
    {
        var adcode = DistrictOfPoint(g.InteriorPoint.Coordinate, applyBands: false);
        return adcode is not null && IsInside(adcode, g) ? adcode : null;
    }

    /// <summary>For geometries spanning a border: the district of the interior point when it is clearly inside a
    /// central district and the whole geometry is inside the union of all districts, else null.</summary>
    public string? DistrictOfSpanning(Geometry g)
    {
        if (!_allInner.Covers(g)) return null;
        return DistrictOfPoint(g.InteriorPoint.Coordinate, applyBands: false);
    }
}
