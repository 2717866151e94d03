using System.Buffers.Binary;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// Counts the rows of a binary <c>COPY</c> stream as it passes through, chunk by chunk, whatever the chunks'
/// boundaries: the header (signature, flags, extension), then per row a 16-bit field count and per field a 32-bit
/// length (−1 for null) and its bytes, then the trailer (−1). A raw copy stream does not report the row count of its
/// <c>COPY</c>, and the commit compares it with the rows the dry run counted.
/// </summary>
public sealed class BinaryCopyTupleCounter
{
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    private enum State { Header, Skip, FieldCount, FieldLength, Ended }

    private readonly byte[] _scratch = new byte[19];
    private State _state = State.Header;
    private State _afterSkip;
    private int _have;
    private long _skip;
    private int _fieldsLeft;

    /// <summary>The rows seen so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Whether the trailer has been seen: the stream is whole.</summary>
    public bool Ended => _state == State.Ended;

    public void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            switch (_state)
            {
                case State.Header:
                    if (!Collect(ref data, 19)) return;
                    if (!_scratch.AsSpan(0, Signature.Length).SequenceEqual(Signature)) throw new InvalidDataException("Not a binary COPY stream.");
                    _skip = BinaryPrimitives.ReadInt32BigEndian(_scratch.AsSpan(15, 4));
                    _afterSkip = State.FieldCount;
                    _state = _skip > 0 ? State.Skip : State.FieldCount;
                    break;
                case State.Skip:
                    var n = (int)Math.Min(_skip, data.Length);
                    data = data[n..];
                    _skip -= n;
                    if (_skip == 0) _state = _afterSkip;
                    break;
                case State.FieldCount:
                    if (!Collect(ref data, 2)) return;
                    var fields = BinaryPrimitives.ReadInt16BigEndian(_scratch);
                    if (fields == -1) { _state = State.Ended; break; }
                    if (fields < 0) throw new InvalidDataException("A binary COPY row with a negative field count.");
                    Rows++;
                    _fieldsLeft = fields;
                    _state = fields == 0 ? State.FieldCount : State.FieldLength;
                    break;
                case State.FieldLength:
                    if (!Collect(ref data, 4)) return;
                    var length = BinaryPrimitives.ReadInt32BigEndian(_scratch);
                    if (length < -1) throw new InvalidDataException("A binary COPY field with a negative length.");
                    _afterSkip = --_fieldsLeft == 0 ? State.FieldCount : State.FieldLength;
                    _skip = Math.Max(length, 0);
                    _state = _skip > 0 ? State.Skip : _afterSkip;
                    break;
                case State.Ended:
                    throw new InvalidDataException("Bytes after the binary COPY trailer.");
            }
        }
    }

    /// <summary>Gathers <paramref name="count"/> bytes into the scratch buffer across chunks; true once they are all there.</summary>
    private bool Collect(ref ReadOnlySpan<byte> data, int count)
    {
        var take = Math.Min(count - _have, data.Length);
        data[..take].CopyTo(_scratch.AsSpan(_have));
        data = data[take..];
        _have += take;
        if (_have < count) return false;
        _have = 0;
        return true;
    }
}
