using NetTopologySuite.Geometries;

namespace AssetRegistry.Domain.Districts;

/// <summary>A county-level unit of the city (区/县/市), the service area of the registry.</summary>
public sealed class District
{
    /// <summary>Six-digit administrative code, e.g. 350503 for 丰泽区.</summary>
    public string Adcode { get; internal set; } = "";
    public string Name { get; internal set; } = "";
    /// <summary>WGS 84 boundary (SRID 4326), converted from the GCJ-02 source at load time.</summary>
    public MultiPolygon Geometry { get; internal set; } = null!;

    internal District() { }

    public District(string adcode, string name, MultiPolygon geometry)
    {
        Adcode = adcode;
        Name = name;
        Geometry = geometry;
    }
}
