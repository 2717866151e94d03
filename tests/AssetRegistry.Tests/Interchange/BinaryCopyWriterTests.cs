using AssetRegistry.Domain.Imports;
using AssetRegistry.Tests.Infrastructure;
using NetTopologySuite.Geometries;
using Npgsql;

namespace AssetRegistry.Tests.Interchange;

/// <summary>
/// The import's own binary COPY encoding, read back by PostgreSQL: every type staging uses, nulls, values around
/// the format's edges (dates before 2000, non-ASCII text, a text longer than the buffer) and geometries both ways
/// (the two-dimensional point encoded here, the rest by NetTopologySuite), through a deliberately tiny buffer so
/// that rows straddle flushes.
/// </summary>
public sealed class BinaryCopyWriterTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    [Fact]
    public async Task EveryStagingType_ReadsBackAsWritten()
    {
        var longText = string.Concat(Enumerable.Repeat("泉州市城市管理局路灯", 40)); // 400 characters, 1,200 bytes
        var triangle = Wgs84.CreatePolygon([new(118.60, 24.90), new(118.61, 24.90), new(118.60, 24.91), new(118.60, 24.90)]);
        await using var conn = await Fixture.Db.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand(
            "create temporary table copy_check (n bigint, x double precision, b boolean, d date, t text, g geometry)", conn))
            await create.ExecuteNonQueryAsync();

        await using (var copy = await conn.BeginRawBinaryCopyAsync("copy copy_check (n, x, b, d, t, g) from stdin (format binary)"))
        {
            var w = new BinaryCopyWriter(copy, bufferBytes: 64);
            void Row(long n, double? x, bool? b, DateOnly? d, string? t, Geometry? g)
            {
                w.StartRow(6);
                w.Int64(n);
                if (x is { } xv) w.Float64(xv); else w.Null();
                if (b is { } bv) w.Boolean(bv); else w.Null();
                if (d is { } dv) w.Date(dv); else w.Null();
                if (t is not null) w.Text(t); else w.Null();
                if (g is not null) w.Geometry(g); else w.Null();
            }
            Row(1, 12.5, true, new DateOnly(2024, 3, 1), "路灯 \t tab, \\ backslash, \"quote\"", Wgs84.CreatePoint(new Coordinate(118.6757, 24.8744)));
            Row(-9_000_000_000, -0.1, false, new DateOnly(1987, 6, 30), longText, triangle);
            Row(3, null, null, null, null, null);
            Row(4, double.MaxValue, true, new DateOnly(2000, 1, 1), "", new Point(new CoordinateZ(118.5, 24.9, 12.25)) { SRID = 4326 });
            Row(5, 0, false, new DateOnly(1999, 12, 31), "x", new Point(1, 2)); // no SRID
            w.Finish();
        }

        async Task<string> Scalar(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            return (string)(await cmd.ExecuteScalarAsync())!;
        }
        var rows = await Scalar("""
            select string_agg(concat_ws('|', n, x, b, d, t, ST_AsEWKT(g)), E'\n' order by n) from copy_check
            """);
        var expected = string.Join("\n",
            "-9000000000|-0.1|f|1987-06-30|" + longText + "|SRID=4326;POLYGON((118.6 24.9,118.61 24.9,118.6 24.91,118.6 24.9))",
            "1|12.5|t|2024-03-01|路灯 \t tab, \\ backslash, \"quote\"|SRID=4326;POINT(118.6757 24.8744)",
            "3",
            "4|1.7976931348623157e+308|t|2000-01-01||SRID=4326;POINT(118.5 24.9 12.25)",
            "5|0|f|1999-12-31|x|POINT(1 2)");
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void ALoneSurrogate_Throws_InsteadOfBecomingAReplacementCharacter()
    {
        var w = new BinaryCopyWriter(new MemoryStream());
        w.StartRow(1);
        Assert.Throws<System.Text.EncoderFallbackException>(() => w.Text("路灯\ud800"));
    }

    [Fact]
    public async Task NoRows_IsAnEmptyCopy()
    {
        await using var conn = await Fixture.Db.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand("create temporary table copy_empty (n bigint)", conn))
            await create.ExecuteNonQueryAsync();
        await using (var copy = await conn.BeginRawBinaryCopyAsync("copy copy_empty (n) from stdin (format binary)"))
            new BinaryCopyWriter(copy).Finish();
        await using var count = new NpgsqlCommand("select count(*) from copy_empty", conn);
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }
}

/// <summary>The commit counts the rows it copies from the bytes passing through: checked on PostgreSQL's own
/// binary COPY output, cut into chunks of every size the reads might return.</summary>
public sealed class BinaryCopyTupleCounterTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private async Task<byte[]> CopyOutAsync(string query)
    {
        await using var conn = await Fixture.Db.OpenConnectionAsync();
        await using var copy = await conn.BeginRawBinaryCopyAsync($"copy ({query}) to stdout (format binary)");
        using var bytes = new MemoryStream();
        await copy.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(19)]
    [InlineData(4096)]
    public async Task RowsWithNullsEmptyAndLongValues_AreCountedWhateverTheChunks(int chunk)
    {
        var bytes = await CopyOutAsync("""
            select g, case when g % 3 = 0 then null else repeat('路', g % 5) end, case when g % 7 = 0 then repeat('x', 70000) end,
                   ST_SetSRID(ST_MakePoint(118.6, 24.9), 4326)
            from generate_series(1, 257) g
            """);
        var counter = new BinaryCopyTupleCounter();
        for (var i = 0; i < bytes.Length; i += chunk) counter.Feed(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
        Assert.Equal(257, counter.Rows);
        Assert.True(counter.Ended);
    }

    [Fact]
    public async Task NoRows_CountZero_AndACutStream_IsNotEnded()
    {
        var empty = new BinaryCopyTupleCounter();
        empty.Feed(await CopyOutAsync("select 1 where false"));
        Assert.Equal(0, empty.Rows);
        Assert.True(empty.Ended);

        var bytes = await CopyOutAsync("select g from generate_series(1, 10) g");
        var cut = new BinaryCopyTupleCounter();
        cut.Feed(bytes.AsSpan(0, bytes.Length - 2)); // the trailer is missing
        Assert.Equal(10, cut.Rows);
        Assert.False(cut.Ended);
        Assert.Throws<InvalidDataException>(() => new BinaryCopyTupleCounter().Feed("not a copy stream at all"u8));
    }
}
