using System.Reflection;
using System.Text.Json;
using AssetRegistry.Domain.Spatial;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace AssetRegistry.GisSeed;

/// <summary>
/// Loads the real Quanzhou county-level boundaries (DataV GeoAtlas, GCJ-02) into <c>districts</c>, converted to
/// WGS 84 and oriented counter-clockwise (RFC 7946). 金门县 (350527) is excluded: the city does not administer it.
/// </summary>
public static class DistrictLoader
{
    /// <summary>Adcodes in the file that are not part of the service area.</summary>
    public static readonly IReadOnlySet<string> Excluded = new HashSet<string> { "350527" };

    /// <summary>The districts' English names (the boundary file has the Chinese ones), as the pages show them in
    /// English: the romanised name and its level, as the city's own English pages write them.</summary>
    public static readonly IReadOnlyDictionary<string, string> EnglishNames = new Dictionary<string, string>
    {
        ["350502"] = "Licheng District", ["350503"] = "Fengze District", ["350504"] = "Luojiang District",
        ["350505"] = "Quangang District", ["350521"] = "Hui'an County", ["350524"] = "Anxi County",
        ["350525"] = "Yongchun County", ["350526"] = "Dehua County", ["350581"] = "Shishi City",
        ["350582"] = "Jinjiang City", ["350583"] = "Nan'an City",
    };

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>Reads the embedded boundary file and returns (adcode, name, WGS 84 multipolygon) per district.</summary>
    public static IReadOnlyList<(string Adcode, string Name, MultiPolygon Geometry)> ReadDistricts()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("quanzhou_350500_full.datav.geojson")
                           ?? throw new InvalidOperationException("District boundary resource missing.");
        using var doc = JsonDocument.Parse(stream);
        var result = new List<(string, string, MultiPolygon)>();
        foreach (var f in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var props = f.GetProperty("properties");
            var adcode = props.GetProperty("adcode").GetInt32().ToString();
            if (Excluded.Contains(adcode)) continue;
            var name = props.GetProperty("name").GetString()!;
            var g = f.GetProperty("geometry");
            var polys = new List<Polygon>();
            var coords = g.GetProperty("coordinates");
            if (g.GetProperty("type").GetString() == "Polygon") polys.Add(ToPolygon(coords));
            else foreach (var p in coords.EnumerateArray()) polys.Add(ToPolygon(p));
            var mp = Factory.CreateMultiPolygon([.. polys]);
            var fixedGeom = mp.IsValid ? mp : (Geometry)NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(mp);
            result.Add((adcode, name, AsMulti(fixedGeom)));
        }
        return result;
    }

    /// <summary>Inserts the districts when the table is empty; returns how many were inserted (0 when present).</summary>
    public static async Task<int> LoadAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using (var check = new NpgsqlCommand("select count(*) from districts", conn))
            if ((long)(await check.ExecuteScalarAsync(ct))! > 0) return 0;
        var rows = ReadDistricts();
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var (adcode, name, geometry) in rows)
        {
            await using var cmd = new NpgsqlCommand(
                "insert into districts (adcode, name, name_en, geometry) values ($1, $2, $3, ST_ForcePolygonCCW($4))", conn, tx);
            cmd.Parameters.Add(new NpgsqlParameter { Value = adcode });
            cmd.Parameters.Add(new NpgsqlParameter { Value = name });
            cmd.Parameters.Add(new NpgsqlParameter { Value = EnglishNames.TryGetValue(adcode, out var en) ? en : DBNull.Value });
            cmd.Parameters.Add(new NpgsqlParameter { Value = geometry, NpgsqlDbType = NpgsqlDbType.Geometry });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await using (var refresh = new NpgsqlCommand("refresh materialized view service_area", conn, tx))
            await refresh.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return rows.Count;
    }

    private static Polygon ToPolygon(JsonElement rings)
    {
        var list = rings.EnumerateArray().Select(r => Factory.CreateLinearRing(r.EnumerateArray().Select(c =>
        {
            var (lon, lat) = Gcj02.ToWgs84(c[0].GetDouble(), c[1].GetDouble());
            return new Coordinate(Math.Round(lon, 7), Math.Round(lat, 7));
        }).ToArray())).ToList();
        return Factory.CreatePolygon(list[0], [.. list.Skip(1)]);
    }

    private static MultiPolygon AsMulti(Geometry g) => g switch
    {
        MultiPolygon m => m,
        Polygon p => Factory.CreateMultiPolygon([p]),
        _ => Factory.CreateMultiPolygon(Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN).OfType<Polygon>().ToArray()),
    };
}
