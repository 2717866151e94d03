using System.Globalization;
using System.Text;
using AssetRegistry.Domain.Spatial;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// Recognises the CRS a WKT text describes (a Shapefile's <c>.prj</c>, a GeoPackage <c>definition</c>) among the
/// registry's <see cref="SupportedCrs"/>: WKT1 as GDAL writes it, the ESRI flavour ArcGIS writes
/// (<c>CGCS2000_3_Degree_GK_CM_120E</c>, <c>GCS_China_Geodetic_Coordinate_System_2000</c>) and WKT2. An EPSG
/// authority on the CRS itself decides; without one the CRS is recognised by what it is, not by its name: a
/// geographic CRS on the CGCS2000 datum is 4490, on WGS 84 is 4326; a Transverse Mercator / Gauss–Krüger
/// projection of CGCS2000 with scale 1, false easting 500,000 m, no false northing, origin latitude 0 and central
/// meridian 114°, 117° or 120° E is EPSG:4547, 4548 or 4549 (the zone-prefixed variants, Xian 1980 and Beijing
/// 1954 are not accepted).
/// </summary>
public static class PrjCrs
{
    /// <summary>A WKT's CRS as far as it was understood: <see cref="Srid"/> is a supported SRID, or null when the
    /// CRS is not one the registry accepts (or the text is not WKT); <see cref="Name"/> is the CRS's own name
    /// from the WKT, for messages (the start of the text when it has none).</summary>
    public sealed record Match(int? Srid, string Name);

    /// <summary>Recognises <paramref name="wkt"/>; never throws.</summary>
    public static Match Recognise(string wkt)
    {
        Node root;
        try
        {
            root = new Parser(wkt).ParseRoot();
        }
        catch (FormatException)
        {
            var start = wkt.Trim();
            return new Match(null, start.Length > 60 ? start[..60] + "…" : start);
        }
        var name = root.Text(0) ?? root.Keyword;
        return new Match(FindSrid(root), name);
    }

    private static readonly string[] ProjectedKeywords = ["PROJCS", "PROJCRS", "PROJECTEDCRS"];
    private static readonly string[] GeographicKeywords = ["GEOGCS", "GEOGCRS", "GEODCRS", "GEOGRAPHICCRS", "GEODETICCRS"];

    /// <summary>The central meridians (° E) of the accepted CGCS2000 3-degree Gauss–Krüger CRSs.</summary>
    private static readonly Dictionary<double, int> GaussKrugerByMeridian = new() { [114] = 4547, [117] = 4548, [120] = 4549 };

    private static int? FindSrid(Node root)
    {
        var keyword = root.Keyword.ToUpperInvariant();
        var projected = ProjectedKeywords.Contains(keyword);
        if (!projected && !GeographicKeywords.Contains(keyword)) return null;

        var authority = root.Children.FirstOrDefault(c => c.Is("AUTHORITY") || c.Is("ID"));
        if (authority is not null && string.Equals(authority.Text(0), "EPSG", StringComparison.OrdinalIgnoreCase))
            return int.TryParse(authority.Text(1) ?? authority.Number(1)?.ToString(CultureInfo.InvariantCulture), out var code)
                   && SupportedCrs.All.Any(c => c.Srid == code) ? code : null;

        var datum = Normalise(root.Descendants().FirstOrDefault(n => n.Is("DATUM") || n.Is("TRF"))?.Text(0));
        var cgcs2000 = datum.Contains("china2000") || datum.Contains("cgcs2000") || datum.Contains("chinageodeticcoordinatesystem2000");
        var wgs84 = datum.Contains("wgs1984") || datum.Contains("wgs84") || datum.Contains("worldgeodeticsystem1984");
        if (!projected) return cgcs2000 ? 4490 : wgs84 ? 4326 : null;
        if (!cgcs2000) return null;

        var method = Normalise(root.Descendants().FirstOrDefault(n => n.Is("PROJECTION") || n.Is("METHOD"))?.Text(0));
        if (!method.Contains("transversemercator") && !method.Contains("gausskruger")) return null;
        var parameters = root.Descendants().Where(n => n.Is("PARAMETER") && n.Text(0) is not null && n.Number(1) is not null)
            .GroupBy(n => Normalise(n.Text(0)))
            .ToDictionary(g => g.Key, g => g.First().Number(1)!.Value);
        double? P(params string[] names) => names.Select(n => parameters.TryGetValue(n, out var v) ? v : (double?)null).FirstOrDefault(v => v is not null);
        var meridian = P("centralmeridian", "longitudeofnaturalorigin", "longitudeoforigin");
        var scale = P("scalefactor", "scalefactoratnaturalorigin") ?? 1;
        var falseEasting = P("falseeasting");
        var falseNorthing = P("falsenorthing") ?? 0;
        var originLatitude = P("latitudeoforigin", "latitudeofnaturalorigin") ?? 0;
        if (meridian is null || falseEasting != 500000 || scale != 1 || falseNorthing != 0 || originLatitude != 0) return null;
        return GaussKrugerByMeridian.TryGetValue(meridian.Value, out var srid) ? srid : null;
    }

    /// <summary>Lower-case letters and digits only: "D_China_2000" and "China 2000" compare equal.</summary>
    private static string Normalise(string? text) =>
        text is null ? "" : new string(text.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>One WKT element: KEYWORD[arg, …], each argument a quoted text, a number, a bare word or an element.</summary>
    private sealed class Node(string keyword)
    {
        public string Keyword { get; } = keyword;
        public List<object> Args { get; } = [];

        public IEnumerable<Node> Children => Args.OfType<Node>();

        public bool Is(string keyword) => Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase);

        public string? Text(int index) => index < Args.Count ? Args[index] as string : null;

        public double? Number(int index) => index < Args.Count && Args[index] is double d ? d : null;

        public IEnumerable<Node> Descendants()
        {
            foreach (var child in Children)
            {
                yield return child;
                foreach (var d in child.Descendants()) yield return d;
            }
        }
    }

    /// <summary>A recursive-descent reader of WKT's bracket syntax (both [ ] and ( ) as WKT allows).</summary>
    private sealed class Parser(string text)
    {
        private const int MaxDepth = 32;
        private int _at;

        public Node ParseRoot()
        {
            var node = ParseNode(0);
            SkipSpace();
            if (_at != text.Length) throw new FormatException("Text after the WKT.");
            return node;
        }

        private Node ParseNode(int depth)
        {
            if (depth > MaxDepth) throw new FormatException("WKT nested too deeply.");
            SkipSpace();
            var keyword = ReadWord();
            if (keyword.Length == 0) throw new FormatException("Keyword expected.");
            SkipSpace();
            var node = new Node(keyword);
            if (_at >= text.Length || (text[_at] != '[' && text[_at] != '(')) throw new FormatException("[ expected.");
            _at++;
            while (true)
            {
                SkipSpace();
                if (_at >= text.Length) throw new FormatException("Unclosed element.");
                var c = text[_at];
                if (c == ']' || c == ')')
                {
                    _at++;
                    return node;
                }
                if (node.Args.Count > 0)
                {
                    if (c != ',') throw new FormatException(", expected.");
                    _at++;
                    SkipSpace();
                    if (_at >= text.Length) throw new FormatException("Unclosed element.");
                    c = text[_at];
                }
                if (c == '"') node.Args.Add(ReadQuoted());
                else if (char.IsDigit(c) || c is '-' or '+' or '.') node.Args.Add(ReadNumber());
                else
                {
                    var save = _at;
                    var word = ReadWord();
                    if (word.Length == 0) throw new FormatException("Unexpected character.");
                    SkipSpace();
                    if (_at < text.Length && (text[_at] == '[' || text[_at] == '('))
                    {
                        _at = save;
                        node.Args.Add(ParseNode(depth + 1));
                    }
                    else node.Args.Add(new BareWord(word));
                }
            }
        }

        private string ReadWord()
        {
            var start = _at;
            while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] == '_')) _at++;
            return text[start.._at];
        }

        private string ReadQuoted()
        {
            var sb = new StringBuilder();
            _at++;
            while (true)
            {
                if (_at >= text.Length) throw new FormatException("Unclosed text.");
                var c = text[_at++];
                if (c == '"')
                {
                    if (_at < text.Length && text[_at] == '"') { sb.Append('"'); _at++; }
                    else return sb.ToString();
                }
                else sb.Append(c);
            }
        }

        private double ReadNumber()
        {
            var start = _at;
            while (_at < text.Length && (char.IsDigit(text[_at]) || text[_at] is '-' or '+' or '.' or 'e' or 'E')) _at++;
            return double.TryParse(text.AsSpan(start, _at - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v : throw new FormatException("Bad number.");
        }

        private void SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at])) _at++;
        }
    }

    /// <summary>An unquoted WKT word such as <c>NORTH</c> or <c>ellipsoidal</c>.</summary>
    private sealed record BareWord(string Word);
}
