using System.Net;
using AssetRegistry.Web.Cli;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace AssetRegistry.Web.Security;

/// <summary>
/// The reverse proxies and load balancers whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed
/// (section <c>Security:TrustedProxies</c>: addresses such as <c>10.0.0.5</c> or networks such as
/// <c>10.0.0.0/24</c>). Behind a proxy every request comes from the proxy's address, so the per-address sign-in
/// budget would be one budget for the whole city and the audit would name the proxy; with the proxy listed, the
/// client's own address (the last one the proxy appended) takes its place. Nothing is listed by default, and then
/// the headers are ignored: anyone can send them, so believing them from anywhere would let a guesser pick a fresh
/// address for every attempt.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "Security:TrustedProxies";

    /// <summary>Reads the list; throws <see cref="StartupException"/> naming an entry that is neither an address
    /// nor a network.</summary>
    public static IReadOnlyList<IPNetwork> Read(IConfiguration configuration)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in configuration.GetSection(Section).Get<string[]>() ?? [])
        {
            var text = entry.Trim();
            if (IPNetwork.TryParse(text, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(text, out var address)) networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            else throw new StartupException($"{Section}: '{entry}' is neither an IP address nor a network such as 10.0.0.0/24.");
        }
        return networks;
    }

    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var networks = Read(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the listed ones: the defaults (loopback) go, so a process on the same machine is no proxy unless listed.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var n in networks) o.KnownIPNetworks.Add(n);
        });
        return builder;
    }

    /// <summary>First in the pipeline, so that everything after it (rate limits, audit, logs) sees the client.
    /// Does nothing when no proxy is listed.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        Read(app.ApplicationServices.GetRequiredService<IConfiguration>()).Count == 0 ? app : app.UseForwardedHeaders();
}
