namespace AssetRegistry.Web.Map;

/// <summary>
/// The map page's settings, section <c>Map</c>. The basemap defaults to none, so the page works on a machine
/// without internet: the assets draw on a plain background.
/// </summary>
public sealed class MapOptions
{
    public const string Section = "Map";

    public BasemapOptions Basemap { get; set; } = new();

    /// <summary>Longitude (WGS 84, degrees) of the first view's centre: central Quanzhou.</summary>
    public double CenterLongitude { get; set; } = 118.6;

    /// <summary>Latitude (WGS 84, degrees) of the first view's centre.</summary>
    public double CenterLatitude { get; set; } = 24.91;

    public int Zoom { get; set; } = 13;

    /// <summary>From this zoom on the page loads editable GeoJSON instead of drawing only vector tiles.</summary>
    public int EditingMinZoom { get; set; } = 17;
}

/// <summary>
/// Which raster basemap to draw under the assets: <c>none</c>, <c>osm</c> (OpenStreetMap), <c>tianditu</c>
/// (天地图, needs <see cref="TiandituKey"/>) or <c>custom</c> (<see cref="UrlTemplate"/>). OpenStreetMap and 天地图
/// are WGS 84 / CGCS2000 like the registry, so no offset is applied; GCJ-02 basemaps would draw shifted.
/// </summary>
public sealed class BasemapOptions
{
    public string Provider { get; set; } = "none";
    public string? TiandituKey { get; set; }
    public string? UrlTemplate { get; set; }
    public string? Attribution { get; set; }
    public int MaxZoom { get; set; } = 19;

    /// <summary>The raster layers for the client, bottom first; empty for none or an incomplete setting.</summary>
    public IReadOnlyList<BasemapLayer> Layers() => Provider.ToLowerInvariant() switch
    {
        "osm" => [new("https://tile.openstreetmap.org/{z}/{x}/{y}.png", Attribution ?? "© OpenStreetMap contributors", [], Math.Min(MaxZoom, 19))],
        "tianditu" when !string.IsNullOrWhiteSpace(TiandituKey) =>
        [
            Tianditu("vec_w", "vec"),
            Tianditu("cva_w", "cva"),
        ],
        "custom" when !string.IsNullOrWhiteSpace(UrlTemplate) => [new(UrlTemplate, Attribution ?? "", [], MaxZoom)],
        _ => [],
    };

    private BasemapLayer Tianditu(string set, string layer) => new(
        $"https://t{{s}}.tianditu.gov.cn/{set}/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}&STYLE=default" +
        $"&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={Uri.EscapeDataString(TiandituKey!)}",
        Attribution ?? "© 天地图 国家地理信息公共服务平台", ["0", "1", "2", "3", "4", "5", "6", "7"], Math.Min(MaxZoom, 18));
}

/// <summary>One raster layer: Leaflet URL template, attribution, subdomains for <c>{s}</c>, maximum zoom.</summary>
public sealed record BasemapLayer(string UrlTemplate, string Attribution, IReadOnlyList<string> Subdomains, int MaxZoom);
