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
        try
        {
            return JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            var errors = new ValidationErrors();
            errors.Add("body", buffer.Length == 0 ? "The body is empty; send a GeoJSON Feature." : "Malformed JSON: " + e.Message);
            throw new AssetValidationException(errors);
        }
    }
}
