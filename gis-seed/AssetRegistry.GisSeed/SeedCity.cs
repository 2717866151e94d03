using System.Security.Cryptography;
using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NpgsqlTypes;

namespace AssetRegistry.GisSeed;

/// <summary>Columns every asset table shares. <see cref="Geometry"/> is WGS 84 (SRID 4326).</summary>
public sealed record AssetCommon(long Id, string Code, string? Name, string District, string Status, string Condition,
    DateOnly? InstallDate, string? Owner, Geometry Geometry);

/// <summary>One row of an asset table: the common columns plus the kind's own, in <see cref="SeedTable.KindColumns"/> order.</summary>
public interface ISeedRow
{
    /// <summary>The shared columns.</summary>
    AssetCommon Common { get; }

    /// <summary>Kind-specific column values, aligned with the table's kind columns; null writes SQL NULL.</summary>
    object?[] KindValues();
}

/// <summary>检查井: a manhole row. Levels in metres above the 1985 height datum, depth in metres.</summary>
public sealed record ManholeRow(AssetCommon Common, string Network, string CoverMaterial, string CoverLoadClass, int CoverDiameterMm,
    double DepthM, double GroundLevelM, double InvertLevelM, bool HasAntiFallNet, string? SmartSensorId, bool IsOutfall) : ISeedRow
{
    /// <inheritdoc />
    public object?[] KindValues() => [Network, CoverMaterial, CoverLoadClass, CoverDiameterMm, DepthM, GroundLevelM, InvertLevelM, HasAntiFallNet, SmartSensorId, IsOutfall];
}

/// <summary>排水管段: a 2-point line from the upstream to the downstream manhole; length in metres (geodesic).</summary>
public sealed record SewerSegmentRow(AssetCommon Common, long UpstreamManholeId, long DownstreamManholeId, string System, int DiameterMm,
    string Material, double UpstreamInvertM, double DownstreamInvertM, double LengthM, double Slope, int YearBuilt, string StructuralGrade) : ISeedRow
{
    /// <inheritdoc />
    public object?[] KindValues() => [UpstreamManholeId, DownstreamManholeId, System, DiameterMm, Material, UpstreamInvertM, DownstreamInvertM, LengthM, Slope, YearBuilt, StructuralGrade];
}

/// <summary>路灯: a streetlight row; pole height in metres, wattage in watts.</summary>
public sealed record StreetlightRow(AssetCommon Common, double PoleHeightM, string LampType, int WattageW, string CircuitId, string RoadClass,
    bool IsMultifunctionPole, DateOnly LastLeakageTest) : ISeedRow
{
    /// <inheritdoc />
    public object?[] KindValues() => [PoleHeightM, LampType, WattageW, CircuitId, RoadClass, IsMultifunctionPole, LastLeakageTest];
}

/// <summary>城市桥梁: a bridge deck axis; lengths and widths in metres, BCI 0–100.</summary>
public sealed record BridgeRow(AssetCommon Common, string StructureType, double LengthM, double WidthM, int SpanCount, double MaxSpanM,
    string MaintenanceCategory, string MaintenanceGrade, string ConditionGrade, double Bci, string Crosses, int YearBuilt,
    DateOnly LastPeriodicInspection, DateOnly? LastStructuralInspection) : ISeedRow
{
    /// <inheritdoc />
    public object?[] KindValues() => [StructureType, LengthM, WidthM, SpanCount, MaxSpanM, MaintenanceCategory, MaintenanceGrade, ConditionGrade, Bci, Crosses, YearBuilt, LastPeriodicInspection, LastStructuralInspection];
}

/// <summary>古树名木: an ancient tree; age in years, girth in cm, height and crown in metres.</summary>
public sealed record AncientTreeRow(AssetCommon Common, string Species, string SpeciesLatin, int EstimatedAgeYears, string ProtectionGrade,
    string TagNumber, double GirthCm, double HeightM, double CrownSpreadM, string Vigour) : ISeedRow
{
    /// <inheritdoc />
    public object?[] KindValues() => [Species, SpeciesLatin, EstimatedAgeYears, ProtectionGrade, TagNumber, GirthCm, HeightM, CrownSpreadM, Vigour];
}

/// <summary>内涝积水点: depth in cm, duration in minutes, trigger rainfall in mm/h.</summary>
public sealed record WaterloggingPointRow(AssetCommon Common, double MaxDepthCm, int TypicalDurationMin, double TriggerRainfallMmH, string Cause,
    string RiskLevel, string NearestPumpStation, string RemediationStatus, string ResponsibleUnit) : ISeedRow
{
    /// <inheritdoc />
    public object?[] KindValues() => [MaxDepthCm, TypicalDurationMin, TriggerRainfallMmH, Cause, RiskLevel, NearestPumpStation, RemediationStatus, ResponsibleUnit];
}

/// <summary>公园绿地: a park polygon; area in square metres (geodesic).</summary>
public sealed record ParkRow(AssetCommon Common, string ParkClass, double AreaM2, string OpeningHours) : ISeedRow
{
    /// <inheritdoc />
    public object?[] KindValues() => [ParkClass, AreaM2, OpeningHours];
}

/// <summary>居住用地: a residential parcel; area in square metres (geodesic).</summary>
public sealed record ResidentialAreaRow(AssetCommon Common, double AreaM2, int Population, int Households) : ISeedRow
{
    /// <inheritdoc />
    public object?[] KindValues() => [AreaM2, Population, Households];
}

/// <summary>A street centreline piece between two grid junctions (SRID 4326), loaded into <c>streets</c> as the walking network.</summary>
public sealed record StreetRow(string Name, string RoadClass, string District, LineString Geometry);

/// <summary>An asset table: its name and the kind-specific columns with their PostgreSQL types.</summary>
public sealed record SeedTable(string Name, IReadOnlyList<(string Column, NpgsqlDbType Type)> KindColumns)
{
    /// <summary>Columns every asset table has, in the order the loader writes them.</summary>
    public static readonly IReadOnlyList<(string Column, NpgsqlDbType Type)> CommonColumns =
    [
        ("id", NpgsqlDbType.Bigint), ("code", NpgsqlDbType.Varchar), ("name", NpgsqlDbType.Varchar), ("district", NpgsqlDbType.Varchar),
        ("status", NpgsqlDbType.Varchar), ("condition", NpgsqlDbType.Varchar), ("install_date", NpgsqlDbType.Date), ("owner", NpgsqlDbType.Varchar),
        ("geometry", NpgsqlDbType.Geometry), ("created_by", NpgsqlDbType.Varchar), ("created_at", NpgsqlDbType.TimestampTz),
        ("updated_by", NpgsqlDbType.Varchar), ("updated_at", NpgsqlDbType.TimestampTz), ("version", NpgsqlDbType.Integer),
    ];

    /// <summary>manholes</summary>
    public static readonly SeedTable Manholes = new("manholes",
    [
        ("network", NpgsqlDbType.Varchar), ("cover_material", NpgsqlDbType.Varchar), ("cover_load_class", NpgsqlDbType.Varchar),
        ("cover_diameter_mm", NpgsqlDbType.Integer), ("depth_m", NpgsqlDbType.Double), ("ground_level_m", NpgsqlDbType.Double),
        ("invert_level_m", NpgsqlDbType.Double), ("has_anti_fall_net", NpgsqlDbType.Boolean), ("smart_sensor_id", NpgsqlDbType.Text),
        ("is_outfall", NpgsqlDbType.Boolean),
    ]);

    /// <summary>sewer_segments</summary>
    public static readonly SeedTable SewerSegments = new("sewer_segments",
    [
        ("upstream_manhole_id", NpgsqlDbType.Bigint), ("downstream_manhole_id", NpgsqlDbType.Bigint), ("system", NpgsqlDbType.Varchar),
        ("diameter_mm", NpgsqlDbType.Integer), ("material", NpgsqlDbType.Varchar), ("upstream_invert_m", NpgsqlDbType.Double),
        ("downstream_invert_m", NpgsqlDbType.Double), ("length_m", NpgsqlDbType.Double), ("slope", NpgsqlDbType.Double),
        ("year_built", NpgsqlDbType.Integer), ("structural_grade", NpgsqlDbType.Varchar),
    ]);

    /// <summary>streetlights</summary>
    public static readonly SeedTable Streetlights = new("streetlights",
    [
        ("pole_height_m", NpgsqlDbType.Double), ("lamp_type", NpgsqlDbType.Varchar), ("wattage_w", NpgsqlDbType.Integer),
        ("circuit_id", NpgsqlDbType.Text), ("road_class", NpgsqlDbType.Varchar), ("is_multifunction_pole", NpgsqlDbType.Boolean),
        ("last_leakage_test", NpgsqlDbType.Date),
    ]);

    /// <summary>bridges</summary>
    public static readonly SeedTable Bridges = new("bridges",
    [
        ("structure_type", NpgsqlDbType.Varchar), ("length_m", NpgsqlDbType.Double), ("width_m", NpgsqlDbType.Double),
        ("span_count", NpgsqlDbType.Integer), ("max_span_m", NpgsqlDbType.Double), ("maintenance_category", NpgsqlDbType.Varchar),
        ("maintenance_grade", NpgsqlDbType.Varchar), ("condition_grade", NpgsqlDbType.Varchar), ("bci", NpgsqlDbType.Double),
        ("crosses", NpgsqlDbType.Text), ("year_built", NpgsqlDbType.Integer), ("last_periodic_inspection", NpgsqlDbType.Date),
        ("last_structural_inspection", NpgsqlDbType.Date),
    ]);

    /// <summary>ancient_trees</summary>
    public static readonly SeedTable AncientTrees = new("ancient_trees",
    [
        ("species", NpgsqlDbType.Text), ("species_latin", NpgsqlDbType.Text), ("estimated_age_years", NpgsqlDbType.Integer),
        ("protection_grade", NpgsqlDbType.Varchar), ("tag_number", NpgsqlDbType.Text), ("girth_cm", NpgsqlDbType.Double),
        ("height_m", NpgsqlDbType.Double), ("crown_spread_m", NpgsqlDbType.Double), ("vigour", NpgsqlDbType.Varchar),
    ]);

    /// <summary>waterlogging_points</summary>
    public static readonly SeedTable WaterloggingPoints = new("waterlogging_points",
    [
        ("max_depth_cm", NpgsqlDbType.Double), ("typical_duration_min", NpgsqlDbType.Integer), ("trigger_rainfall_mm_h", NpgsqlDbType.Double),
        ("cause", NpgsqlDbType.Varchar), ("risk_level", NpgsqlDbType.Varchar), ("nearest_pump_station", NpgsqlDbType.Text),
        ("remediation_status", NpgsqlDbType.Varchar), ("responsible_unit", NpgsqlDbType.Text),
    ]);

    /// <summary>parks</summary>
    public static readonly SeedTable Parks = new("parks",
        [("park_class", NpgsqlDbType.Varchar), ("area_m2", NpgsqlDbType.Double), ("opening_hours", NpgsqlDbType.Text)]);

    /// <summary>residential_areas</summary>
    public static readonly SeedTable ResidentialAreas = new("residential_areas",
        [("area_m2", NpgsqlDbType.Double), ("population", NpgsqlDbType.Integer), ("households", NpgsqlDbType.Integer)]);

    /// <summary>All eight asset tables in load order (manholes before sewer segments, which reference them).</summary>
    public static readonly IReadOnlyList<SeedTable> All = [Manholes, SewerSegments, Streetlights, Bridges, AncientTrees, WaterloggingPoints, Parks, ResidentialAreas];
}

/// <summary>
/// A generated city: rows per asset kind with ids 1…N in <see cref="SeedTable.All"/> order, plus the street
/// centrelines they were laid out along. Every geometry is WGS 84 (SRID 4326).
/// </summary>
public sealed class SeedCity
{
    /// <summary>The fixed creation time stamped on every row: 2024-04-30T00:00:00+08:00.</summary>
    public static readonly DateTimeOffset CreatedAt = new(2024, 4, 30, 0, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The user stamped as creator and last updater.</summary>
    public const string CreatedBy = "seed";

    /// <summary>Manholes: sewer chambers (rain, sewage, combined) first, then other networks; Point geometries.</summary>
    public required IReadOnlyList<ManholeRow> Manholes { get; init; }
    /// <summary>Sewer segments, 2-point lines from upstream to downstream manhole, about 35 m long.</summary>
    public required IReadOnlyList<SewerSegmentRow> SewerSegments { get; init; }
    /// <summary>Streetlights every 30–40 m along the streets, about 8 m off the centreline.</summary>
    public required IReadOnlyList<StreetlightRow> Streetlights { get; init; }
    /// <summary>Bridges: named river crossings first, then small canal bridges; LineString deck axes.</summary>
    public required IReadOnlyList<BridgeRow> Bridges { get; init; }
    /// <summary>Ancient and famous trees, clustered in the old town.</summary>
    public required IReadOnlyList<AncientTreeRow> AncientTrees { get; init; }
    /// <summary>Waterlogging points at the lowest street sites.</summary>
    public required IReadOnlyList<WaterloggingPointRow> WaterloggingPoints { get; init; }
    /// <summary>Parks: named real parks first, then pocket, community and comprehensive parks in blocks.</summary>
    public required IReadOnlyList<ParkRow> Parks { get; init; }
    /// <summary>Residential parcels inside street blocks, never overlapping a park.</summary>
    public required IReadOnlyList<ResidentialAreaRow> ResidentialAreas { get; init; }
    /// <summary>Street centreline pieces between grid nodes (not an asset table: the <c>streets</c> routing network). Pieces meet
    /// only at shared end points and never cross in between, so they route without noding.</summary>
    public required IReadOnlyList<StreetRow> Streets { get; init; }

    /// <summary>Rows per table in load order.</summary>
    public IEnumerable<(SeedTable Table, IReadOnlyList<ISeedRow> Rows)> Tables()
    {
        yield return (SeedTable.Manholes, Manholes);
        yield return (SeedTable.SewerSegments, SewerSegments);
        yield return (SeedTable.Streetlights, Streetlights);
        yield return (SeedTable.Bridges, Bridges);
        yield return (SeedTable.AncientTrees, AncientTrees);
        yield return (SeedTable.WaterloggingPoints, WaterloggingPoints);
        yield return (SeedTable.Parks, Parks);
        yield return (SeedTable.ResidentialAreas, ResidentialAreas);
    }

    /// <summary>Total number of asset rows over all eight kinds.</summary>
    public int AssetCount => Tables().Sum(t => t.Rows.Count);

    /// <summary>
    /// Lower-case hex SHA-256 over a canonical binary serialisation of every row (all columns, geometry as
    /// ISO WKB with SRID) and every street, in order. Equal checksums mean byte-identical seed data.
    /// </summary>
    public string Checksum()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var wkb = new WKBWriter(ByteOrder.LittleEndian, handleSRID: true, emitZ: false);
        var buffer = new MemoryStream();
        var w = new BinaryWriter(buffer, Encoding.UTF8);
        void Flush() { hash.AppendData(buffer.GetBuffer(), 0, (int)buffer.Length); buffer.SetLength(0); }
        foreach (var (table, rows) in Tables())
        {
            w.Write(table.Name);
            foreach (var row in rows)
            {
                var c = row.Common;
                WriteValue(w, wkb, c.Id); WriteValue(w, wkb, c.Code); WriteValue(w, wkb, c.Name); WriteValue(w, wkb, c.District);
                WriteValue(w, wkb, c.Status); WriteValue(w, wkb, c.Condition); WriteValue(w, wkb, c.InstallDate); WriteValue(w, wkb, c.Owner);
                WriteValue(w, wkb, c.Geometry);
                foreach (var v in row.KindValues()) WriteValue(w, wkb, v);
                if (buffer.Length > 1 << 16) { w.Flush(); Flush(); }
            }
        }
        foreach (var s in Streets) { WriteValue(w, wkb, s.Name); WriteValue(w, wkb, s.RoadClass); WriteValue(w, wkb, s.District); WriteValue(w, wkb, s.Geometry); }
        w.Flush();
        Flush();
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    private static void WriteValue(BinaryWriter w, WKBWriter wkb, object? value)
    {
        switch (value)
        {
            case null: w.Write((byte)0); break;
            case string s: w.Write((byte)1); w.Write(s); break;
            case long l: w.Write((byte)2); w.Write(l); break;
            case int i: w.Write((byte)3); w.Write(i); break;
            case double d: w.Write((byte)4); w.Write(d); break;
            case bool b: w.Write((byte)5); w.Write(b); break;
            case DateOnly date: w.Write((byte)6); w.Write(date.DayNumber); break;
            case Geometry g:
                var bytes = wkb.Write(g);
                w.Write((byte)7); w.Write(bytes.Length); w.Write(bytes); break;
            default: throw new InvalidOperationException($"Unexpected seed value type {value.GetType()}.");
        }
    }
}
