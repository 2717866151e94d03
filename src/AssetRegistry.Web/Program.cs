using AssetRegistry.Web.Admin;
using AssetRegistry.Web.Analysis;
using AssetRegistry.Web.Assets;
using AssetRegistry.Web.Auth;
using AssetRegistry.Web.Cli;
using AssetRegistry.Web.Crew;
using AssetRegistry.Web.Health;
using AssetRegistry.Web.Imports;
using AssetRegistry.Web.Infrastructure;
using AssetRegistry.Web.Inspections;
using AssetRegistry.Web.Interchange;
using AssetRegistry.Web.Map;
using AssetRegistry.Web.Ogc;
using AssetRegistry.Web.Security;
using AssetRegistry.Web.Statistics;
using AssetRegistry.Web.Tiles;
using AssetRegistry.Web.WorkLists;

var builder = WebApplication.CreateBuilder(args);
if (CommandLine.IsCommand(args))
{
    CommandLine.IsDevelopment = builder.Environment.IsDevelopment();
    return await CommandLine.RunAsync(args, builder.Configuration);
}

try
{
    builder.AddRegistry();
    builder.Services.AddRegistryAuth();
    builder.AddRegistrySecurity();
    builder.Services.AddSharedDataProtection();
    var app = builder.Build();
    await StartupChecks.RequireReachableAsync(app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>());
    await app.PrepareUsersAsync();

    app.UseTrustedProxies();
    app.UseSecurityHeaders();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseDefaultFiles();
    app.UseStaticFiles();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRegistryWriteProtection();
    app.UseShortReads();
    app.MapHealth();
    app.MapLogin();
    app.MapSecurity();
    app.MapOgcApi();
    app.MapAssetApi();
    app.MapExports();
    app.MapMapData();
    app.MapTiles();
    app.MapJobsDashboard();
    app.MapInspections();
    app.MapWorkLists();
    app.MapAnalysis();
    app.MapStatistics();
    app.MapImports();
    app.MapCrewPages();
    app.MapInspectionsPage();
    app.MapImportsPage();
    app.MapMapPage();
    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 1;
}

public partial class Program;
