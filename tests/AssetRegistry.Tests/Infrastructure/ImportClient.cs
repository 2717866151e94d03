using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace AssetRegistry.Tests.Infrastructure;

/// <summary>The import API as the page uses it: a multipart upload, then polling the run.</summary>
public static class ImportClient
{
    /// <summary>How long a test waits for a run to reach a state.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>POSTs <paramref name="content"/> as <paramref name="fileName"/> to /api/imports with the form fields.</summary>
    public static async Task<HttpResponseMessage> UploadImportAsync(this HttpClient client, string fileName, byte[] content, string collection,
        params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(collection), "collection");
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return await client.PostAsync("/api/imports", form);
    }

    /// <summary>Polls run <paramref name="id"/> until it reaches one of <paramref name="states"/>; fails when it ends
    /// in another state or takes longer than <see cref="Patience"/>.</summary>
    public static async Task<JsonObject> WaitForImportAsync(this HttpClient client, long id, params string[] states)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var run = await (await client.GetAsync($"/api/imports/{id}")).JsonAsync();
            var status = run["status"]!.GetValue<string>();
            if (states.Contains(status)) return run;
            Assert.True(status is "validating" or "importing", $"run {id} ended {status}: {run["error"]}");
            Assert.True(watch.Elapsed < Patience, $"run {id} still {status} after {Patience}");
            await Task.Delay(50);
        }
    }
}
