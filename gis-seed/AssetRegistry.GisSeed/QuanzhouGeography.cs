namespace AssetRegistry.GisSeed;

/// <summary>
/// Hand-made reference geography of central Quanzhou in WGS 84 (longitude, latitude in degrees): approximate river
/// courses, landmark bridges, parks and plants, and the street names used to label generated assets. Approximate by
/// design: the seed has to be plausible, not surveyed.
/// </summary>
internal static class QuanzhouGeography
{
    /// <summary>Centre of growth of the street grid (old town near the Jinjiang).</summary>
    public const double CentreLon = 118.592, CentreLat = 24.905;

    /// <summary>开元寺, the heart of the old town where ancient trees cluster and sewers are combined.</summary>
    public const double KaiyuanLon = 118.581, KaiyuanLat = 24.9168;

    /// <summary>Adcodes of the central city used for the seed, with the latitude band kept per district.</summary>
    public static readonly IReadOnlyList<(string Adcode, double MinLat, double MaxLat)> CentralDistricts =
    [
        ("350502", -90, 90), ("350503", -90, 90), ("350504", -90, 25.08), ("350582", 24.72, 90),
    ];

    /// <summary>晋江 main course, west (upstream) to the bay.</summary>
    public static readonly (double Lon, double Lat)[] Jinjiang =
    [
        (118.470, 24.930), (118.500, 24.925), (118.525, 24.915), (118.545, 24.905), (118.560, 24.900), (118.575, 24.894),
        (118.590, 24.887), (118.600, 24.880), (118.620, 24.874), (118.640, 24.867), (118.660, 24.859), (118.680, 24.850),
    ];

    /// <summary>洛阳江, north-west (upstream) to its mouth at 洛阳桥.</summary>
    public static readonly (double Lon, double Lat)[] Luoyang =
    [
        (118.610, 25.010), (118.630, 24.995), (118.645, 24.982), (118.658, 24.970), (118.668, 24.961), (118.677, 24.957), (118.695, 24.948),
    ];

    /// <summary>Named river bridges: name, river, a point near the crossing, length (m), width (m), structure, year built, spans.</summary>
    public static readonly IReadOnlyList<(string Name, string River, double Lon, double Lat, double LengthM, double WidthM, string Structure, int Year, int Spans)> RiverBridges =
    [
        ("顺济桥", "晋江", 118.5835, 24.8905, 520, 30, "beam", 2006, 16),
        ("泉州大桥", "晋江", 118.5930, 24.8855, 640, 24, "beam", 1984, 20),
        ("刺桐大桥", "晋江", 118.6060, 24.8785, 800, 27, "beam", 1996, 25),
        ("田安大桥", "晋江", 118.6200, 24.8740, 700, 36, "cable_stayed", 2013, 9),
        ("晋江大桥", "晋江", 118.5700, 24.8960, 600, 26, "beam", 1993, 18),
        ("笋江大桥", "晋江", 118.5550, 24.9020, 560, 30, "arch", 2012, 12),
        ("后渚大桥", "晋江", 118.6500, 24.8630, 900, 30, "cable_stayed", 2009, 21),
        ("洛阳桥", "洛阳江", 118.6770, 24.9570, 731, 4.5, "stone_beam", 1059, 46),
    ];

    /// <summary>Named parks: name, centre, target area (m²), opening hours.</summary>
    public static readonly IReadOnlyList<(string Name, double Lon, double Lat, double AreaM2, string Hours)> NamedParks =
    [
        ("东湖公园", 118.6050, 24.9170, 260_000, "全天开放"),
        ("西湖公园", 118.5760, 24.9300, 320_000, "全天开放"),
        ("森林公园", 118.6020, 24.9500, 450_000, "06:00-18:00"),
        ("刺桐公园", 118.5950, 24.9010, 60_000, "全天开放"),
        ("中山公园", 118.5880, 24.9150, 30_000, "06:00-22:00"),
    ];

    /// <summary>Sewage treatment plants (污水处理厂) where sewage networks end.</summary>
    public static readonly IReadOnlyList<(string Name, double Lon, double Lat)> TreatmentPlants =
    [
        ("宝洲污水处理厂", 118.6260, 24.8820), ("城东污水处理厂", 118.6500, 24.9300), ("北峰污水处理厂", 118.5600, 24.9450), ("仙石污水处理厂", 118.5700, 24.8500),
    ];

    /// <summary>Pumping stations named on waterlogging points.</summary>
    public static readonly IReadOnlyList<(string Name, double Lon, double Lat)> PumpStations =
    [
        ("浦西泵站", 118.5800, 24.8950), ("江滨泵站", 118.6000, 24.8840), ("东海泵站", 118.6400, 24.8720), ("津头埔泵站", 118.5700, 24.9050),
        ("池店泵站", 118.5800, 24.8700), ("万安泵站", 118.6500, 24.9550),
    ];

    /// <summary>Street names, used cyclically for the generated grid lines.</summary>
    public static readonly string[] StreetNames =
    [
        "温陵路", "中山路", "刺桐路", "丰泽街", "泉秀路", "田安路", "津淮街", "东街", "西街", "新华路", "涂门街", "九一路", "湖心街", "少林路",
        "宝洲路", "东海大街", "江滨路", "城东路", "丰海路", "泉安路", "鲤中路", "浦西路", "池店路", "清源路", "北峰路", "江南大街", "普贤路",
        "承天巷", "打锡巷", "金山路", "云山路", "坪山路", "华大街", "安吉路", "聚龙路", "通港街", "笋江路", "江滨北路", "霞洲路", "体育街",
    ];

    /// <summary>Canals and streams crossed by small bridges.</summary>
    public static readonly string[] Canals = ["八卦沟", "坝头沟", "百崎沟", "北渠", "乌屿溪", "浔美渠", "破腹沟", "东湖渠", "溪亭沟", "清洋沟"];

    /// <summary>Owners of municipal assets.</summary>
    public static readonly string[] Owners = ["泉州市城市管理局", "泉州市市政工程处", "泉州市排水管理中心", "泉州市路灯管理所", "泉州市园林局"];
}
