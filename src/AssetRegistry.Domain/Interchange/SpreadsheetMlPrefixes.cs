using System.IO.Compression;
using System.Text;
using System.Xml;

namespace AssetRegistry.Domain.Interchange;

/// <summary>
/// Rewrites an .xlsx so its SpreadsheetML parts use the main namespace as the default namespace instead of the
/// <c>x:</c> prefix the OpenXML SDK (under ClosedXML) writes. Both are valid; Excel, WPS and LibreOffice read
/// either, but GDAL's XLSX reader before 3.7 (and so QGIS on it) matches unprefixed names only and finds no rows.
/// Streams part by part, so memory stays flat whatever the sheet's size.
/// </summary>
public static class SpreadsheetMlPrefixes
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string XmlnsUri = "http://www.w3.org/2000/xmlns/";

    /// <summary>Copies the package at <paramref name="source"/> to <paramref name="target"/>, rewriting the XML
    /// parts under <c>xl/</c>.</summary>
    public static void Rewrite(string source, string target)
    {
        using var input = ZipFile.OpenRead(source);
        using var output = ZipFile.Open(target, ZipArchiveMode.Create);
        foreach (var entry in input.Entries)
        {
            var copy = output.CreateEntry(entry.FullName, CompressionLevel.Fastest);
            using var from = entry.Open();
            using var to = copy.Open();
            if (entry.FullName.StartsWith("xl/", StringComparison.Ordinal) && entry.FullName.EndsWith(".xml", StringComparison.Ordinal))
                Unprefix(from, to);
            else from.CopyTo(to);
        }
    }

    private static void Unprefix(Stream input, Stream output)
    {
        using var reader = XmlReader.Create(input, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        using var writer = XmlWriter.Create(output, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            // Keep carriage returns in cell text as they are (entitised), not turned into line ends.
            NewLineHandling = NewLineHandling.Entitize,
        });
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.XmlDeclaration:
                    writer.WriteStartDocument(true);
                    break;
                case XmlNodeType.Element:
                    var empty = reader.IsEmptyElement;
                    writer.WriteStartElement(reader.NamespaceURI == Main ? "" : reader.Prefix, reader.LocalName, reader.NamespaceURI);
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            // The main namespace's prefix declaration goes; the default one comes with the element.
                            if (reader.NamespaceURI == XmlnsUri && reader.Value == Main) continue;
                            writer.WriteAttributeString(reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Value);
                        } while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }
                    if (empty) writer.WriteEndElement();
                    break;
                case XmlNodeType.EndElement:
                    writer.WriteFullEndElement();
                    break;
                case XmlNodeType.Text:
                    writer.WriteString(reader.Value);
                    break;
                case XmlNodeType.CDATA:
                    writer.WriteCData(reader.Value);
                    break;
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    writer.WriteWhitespace(reader.Value);
                    break;
            }
        }
    }
}
