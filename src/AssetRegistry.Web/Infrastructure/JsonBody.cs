using System.Text.Json;
using AssetRegistry.Domain.Assets;

namespace AssetRegistry.Web.Infrastructure;

/// <summary>Reads a request body as JSON within the size limit, turning every failure into a clear problem.</summary>
public static class JsonBody
{
    private static readonly string[] JsonTypes = ["application/json", "application/geo+json", "application/merge-patch+json"];

    /// <summary>Reads and parses the body. Over <paramref name="maxBytes"/> → 413; not JSON → 415; malformed → 400.</summary>
    public static async Task<JsonDocument> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        var type = request.ContentType?.Split(';')[0].Trim();
        if (type is not null && !JsonTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
            throw new UnsupportedMediaTypeException(type);
        if (request.ContentLength > maxBytes) throw new PayloadTooLargeException(maxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw new PayloadTooLargeException(maxBytes);
            buffer.Write(chunk, 0, read);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            var errors = new ValidationErrors();
            errors.Add("body", buffer.Length == 0 ? "The body is empty; send a GeoJSON Feature." : "Malformed JSON: " + e.Message);
            throw new AssetValidationException(errors);
        }
        // JSON may escape a lone surrogate (\ud800), which is no text: reading it would throw wherever an endpoint
        // reads it, so every string and name is checked here once, and the first such names its place.
        if (FirstInvalidText(document.RootElement, "") is { } path)
        {
            document.Dispose();
            var errors = new ValidationErrors();
            errors.Add(path.Length == 0 ? "body" : path, new LocalizedText(
                "must be valid Unicode text (a lone surrogate escape such as \\ud800 cannot be stored)",
                "须为有效的 Unicode 文本（无法保存 \\ud800 这类单独的代理项转义）"));
            throw new AssetValidationException(errors);
        }
        return document;
    }

    /// <summary>The path (properties.name, features[2]) of the first string or property name that is not valid
    /// Unicode text; null when all are.</summary>
    private static string? FirstInvalidText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(element.GetString) ? null : path;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string? name = null;
                    if (!IsText(() => name = property.Name)) return path.Length == 0 ? "(a property name)" : path + ".(a property name)";
                    if (FirstInvalidText(property.Value, path.Length == 0 ? name! : path + "." + name) is { } bad) return bad;
                }
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    if (FirstInvalidText(item, $"{path}[{i++}]") is { } bad) return bad;
                return null;
            default:
                return null;
        }
    }

    private static bool IsText(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
