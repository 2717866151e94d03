using System.Xml.Linq;
using AssetRegistry.Domain.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AssetRegistry.Web.Infrastructure;

/// <summary>
/// ASP.NET Core data protection with its key ring in the registry database, under one application name, so a
/// sign-in cookie issued by one web server is accepted by every other (a load balancer may send the next request
/// anywhere). Without it each server keeps keys of its own on its disk and rejects the others' cookies.
/// </summary>
public static class SharedDataProtection
{
    /// <summary>The application name every server shares (it isolates the key purposes, not the servers).</summary>
    public const string ApplicationName = "assetregistry";

    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseXmlRepository(new DataProtectionKeys(sp.GetRequiredService<NpgsqlDataSource>()))));
        return services;
    }

    private sealed class DatabaseXmlRepository(DataProtectionKeys keys) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => keys.ReadAll().Select(x => XElement.Parse(x)).ToList();

        public void StoreElement(XElement element, string friendlyName) =>
            keys.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }
}
