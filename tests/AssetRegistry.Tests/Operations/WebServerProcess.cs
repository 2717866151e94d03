using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using AssetRegistry.Tests.Infrastructure;

namespace AssetRegistry.Tests.Operations;

/// <summary>
/// The web app (<c>AssetRegistry.Web.dll</c>, Testing environment, no Hangfire server) as a real OS process on a
/// free loopback port, for tests that kill it (SIGKILL: no shutdown, no clean-up) and start it again. Ready once
/// <c>/health</c> answers 200.
/// </summary>
public sealed class WebServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    private WebServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Where the server listens (http://127.0.0.1:port/).</summary>
    public Uri Address { get; }

    /// <summary>Starts the server on <paramref name="connectionString"/> (and <paramref name="settings"/>, as
    /// environment variables) and waits until it answers /health.</summary>
    public static async Task<WebServerProcess> StartAsync(string connectionString, string uploadDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var address = new Uri($"http://127.0.0.1:{ThrowawayCluster.FreePort()}/");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__AssetRegistry"] = connectionString,
            ["DOTNET_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/'),
            ["Jobs__RunInWebProcess"] = "false",
            ["Imports__Directory"] = uploadDirectory,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) environment[name] = value;
        var process = Scripts.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "AssetRegistry.Web.dll")], environment);
        var server = new WebServerProcess(process, address);
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        await Poll.UntilAsync(async () =>
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the web server ended (exit {process.ExitCode}) while starting: {await server._error}{await server._output}");
            try
            {
                return (await probe.GetAsync("/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }, timeout, "the web server answers /health");
        return server;
    }

    /// <summary>A client of this server signed in with HTTP Basic as the test user of <paramref name="role"/>.</summary>
    public HttpClient Client(string role = "engineer")
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"t_{role}:{RegistryFixture.Password}")));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        Assert.NotEqual(0, _process.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
