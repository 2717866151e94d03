using System.Buffers.Binary;
using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// Encodes rows in PostgreSQL's binary <c>COPY</c> format (header, per row the field count, per field its length
/// and bytes, then the trailer) into a buffer of its own and hands full buffers to a raw copy stream
/// (<c>NpgsqlConnection.BeginRawBinaryCopy</c>). It writes the same bytes as Npgsql's <c>NpgsqlBinaryImporter</c>
/// for the types staging uses, without resolving a converter for every value: on a million rows that resolution
/// cost more than the reading of the file.
/// </summary>
/// <remarks>Not thread-safe: one writer task owns it. Geometries go as EWKB (what <c>geometry_recv</c> reads): a
/// two-dimensional point is encoded here, anything else by NetTopologySuite's <see cref="PostGisWriter"/>, as Npgsql
/// would.</remarks>
public sealed class BinaryCopyWriter(Stream output, int bufferBytes = 1 << 16)
{
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;
    private const uint WkbPoint = 1, WkbSridFlag = 0x20000000;

    /// <summary>Strict, as Npgsql's own text encoding: a lone surrogate fails the import rather than being replaced
    /// with U+FFFD without a word.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _buffer = new byte[bufferBytes];
    private readonly PostGisWriter _geometryWriter = new();
    private int _position;
    private bool _started;

    /// <summary>Starts a row of <paramref name="fields"/> fields (the header goes before the first).</summary>
    public void StartRow(int fields)
    {
        EnsureHeader();
        Span(2, out var s);
        BinaryPrimitives.WriteInt16BigEndian(s, checked((short)fields));
    }

    public void Null() => Length(-1);

    public void Int64(long value)
    {
        Span(12, out var s);
        BinaryPrimitives.WriteInt32BigEndian(s, 8);
        BinaryPrimitives.WriteInt64BigEndian(s[4..], value);
    }

    public void Float64(double value)
    {
        Span(12, out var s);
        BinaryPrimitives.WriteInt32BigEndian(s, 8);
        BinaryPrimitives.WriteDoubleBigEndian(s[4..], value);
    }

    public void Boolean(bool value)
    {
        Span(5, out var s);
        BinaryPrimitives.WriteInt32BigEndian(s, 1);
        s[4] = value ? (byte)1 : (byte)0;
    }

    /// <summary>A date: days since 2000-01-01.</summary>
    public void Date(DateOnly value)
    {
        Span(8, out var s);
        BinaryPrimitives.WriteInt32BigEndian(s, 4);
        BinaryPrimitives.WriteInt32BigEndian(s[4..], value.DayNumber - PostgresEpochDay);
    }

    /// <summary>Text as UTF-8.</summary>
    public void Text(string value)
    {
        var bytes = Utf8.GetByteCount(value);
        if (4 + bytes > _buffer.Length)
        {
            Length(bytes);
            Raw(Utf8.GetBytes(value));
            return;
        }
        Span(4 + bytes, out var s);
        BinaryPrimitives.WriteInt32BigEndian(s, bytes);
        Utf8.GetBytes(value, s[4..]);
    }

    /// <summary>A geometry as EWKB, with its SRID when it has one.</summary>
    public void Geometry(Geometry value)
    {
        if (value is Point { IsEmpty: false } p && double.IsNaN(p.Coordinate.Z) && double.IsNaN(p.Coordinate.M))
        {
            var srid = p.SRID > 0;
            Span(4 + (srid ? 25 : 21), out var s);
            BinaryPrimitives.WriteInt32BigEndian(s, srid ? 25 : 21);
            s[4] = 1; // little-endian
            BinaryPrimitives.WriteUInt32LittleEndian(s[5..], srid ? WkbPoint | WkbSridFlag : WkbPoint);
            var at = 9;
            if (srid)
            {
                BinaryPrimitives.WriteInt32LittleEndian(s[at..], p.SRID);
                at += 4;
            }
            BinaryPrimitives.WriteDoubleLittleEndian(s[at..], p.X);
            BinaryPrimitives.WriteDoubleLittleEndian(s[(at + 8)..], p.Y);
            return;
        }
        var wkb = _geometryWriter.Write(value);
        Length(wkb.Length);
        Raw(wkb);
    }

    /// <summary>Writes the trailer and what is still buffered.</summary>
    public void Finish()
    {
        EnsureHeader();
        Span(2, out var s);
        BinaryPrimitives.WriteInt16BigEndian(s, -1);
        Flush();
    }

    private void EnsureHeader()
    {
        if (_started) return;
        Raw(Header);
        _started = true;
    }

    /// <summary>Hands the buffered bytes to the stream.</summary>
    public void Flush()
    {
        if (_position == 0) return;
        output.Write(_buffer, 0, _position);
        _position = 0;
    }

    private void Length(int length)
    {
        Span(4, out var s);
        BinaryPrimitives.WriteInt32BigEndian(s, length);
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _position)
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                output.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    private void Span(int length, out Span<byte> span)
    {
        if (length > _buffer.Length - _position) Flush();
        span = _buffer.AsSpan(_position, length);
        _position += length;
    }
}
