using System.Globalization;
using AssetRegistry.Domain.Assets;

namespace AssetRegistry.Domain.Tiles;

/// <summary>A tile of the WebMercatorQuad tile matrix set (EPSG:3857): zoom, column (x, west to east) and row
/// (y, north to south), as in <c>ST_TileEnvelope(zoom, x, y)</c>.</summary>
public readonly record struct TileAddress(int Zoom, int Column, int Row)
{
    /// <summary>The deepest zoom served: 22 is about 4 cm per pixel at Quanzhou's latitude.</summary>
    public const int MaxZoom = 22;

    /// <summary>
    /// Parses the URL's <c>z</c>, <c>y</c> and <c>x</c>: z must be 0–22 and x and y 0 to 2^z − 1. Throws
    /// <see cref="AssetValidationException"/> naming every bad parameter.
    /// </summary>
    public static TileAddress Parse(string? z, string? y, string? x)
    {
        var errors = new ValidationErrors();
        var zoom = ParseNumber(z, "z", 0, MaxZoom, errors);
        var last = zoom is { } level ? (1 << level) - 1 : int.MaxValue;
        var row = ParseNumber(y, "y", 0, last, errors);
        var column = ParseNumber(x, "x", 0, last, errors);
        errors.ThrowIfAny();
        return new TileAddress(zoom!.Value, column!.Value, row!.Value);
    }

    private static int? ParseNumber(string? text, string name, int min, int max, ValidationErrors errors)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        errors.Add(name, $"{name} must be a whole number from {min} to {max}.");
        return null;
    }
}
