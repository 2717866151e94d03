using System.Text;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// The text encoding of a Shapefile's attributes (DBF). Chinese data comes as UTF-8 or as GBK (code page 936,
/// of which GB2312 is a subset); the code-page encodings are registered once, the first time this class is used.
/// </summary>
public static class DbfEncodings
{
    /// <summary>GBK, Windows code page 936: what ArcGIS on a Chinese Windows writes.</summary>
    public static readonly Encoding Gbk;

    /// <summary>GB18030 (code page 54936): the superset of GBK and GB2312, for text whose encoding is only known
    /// to be Chinese and not UTF-8.</summary>
    public static readonly Encoding Gb18030;

    /// <summary>UTF-8 without a byte-order mark.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(false);

    static DbfEncodings()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gbk = Encoding.GetEncoding(936);
        Gb18030 = Encoding.GetEncoding(54936);
    }

    /// <summary>The encoding a <c>.cpg</c> file's text names (<c>UTF-8</c>, <c>GBK</c>, <c>GB2312</c>, <c>936</c>,
    /// <c>CP936</c>, <c>GB18030</c>, <c>ANSI 936</c>, any other .NET encoding name or code page), or null when it
    /// names none that is known.</summary>
    public static Encoding? FromCpg(string cpg)
    {
        var name = cpg.Trim().Trim('\uFEFF').ToUpperInvariant();
        if (name.StartsWith("ANSI ", StringComparison.Ordinal)) name = name[5..].Trim();
        if (name.StartsWith("CP", StringComparison.Ordinal) && int.TryParse(name[2..], out _)) name = name[2..];
        switch (name)
        {
            case "UTF-8" or "UTF8" or "65001": return Utf8;
            case "GBK" or "GB2312" or "936" or "MS936" or "WINDOWS-936" or "CP936": return Gbk;
            case "GB18030" or "54936": return Gb18030;
        }
        try
        {
            return int.TryParse(name, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The encoding a DBF header's language driver id (byte 29) stands for, or null for 0, for 0x57
    /// ("the current Windows code page", which says nothing about the file) and for ids not listed.</summary>
    public static Encoding? FromLanguageDriver(byte id) => id switch
    {
        0x4D or 0x7A => Gbk, // Chinese GBK (PRC), as ArcGIS and FoxPro write it
        0x4F or 0x78 => Encoding.GetEncoding(950), // Chinese Big5 (Taiwan, Hong Kong)
        0x01 => Encoding.GetEncoding(437),
        0x02 => Encoding.GetEncoding(850),
        0x03 => Encoding.GetEncoding(1252),
        _ => null,
    };

    /// <summary>UTF-8 when every byte of <paramref name="stream"/> from its position on is valid UTF-8, GBK
    /// otherwise: the guess for a DBF that names no encoding at all (no .cpg, no language driver, none declared).
    /// Reads the stream to its end in small chunks.</summary>
    public static Encoding Guess(Stream stream)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = stream.Read(buffer)) > 0) decoder.GetCharCount(buffer, 0, read, flush: false);
            decoder.GetCharCount([], 0, 0, flush: true);
            return Utf8;
        }
        catch (DecoderFallbackException)
        {
            return Gbk;
        }
    }
}
