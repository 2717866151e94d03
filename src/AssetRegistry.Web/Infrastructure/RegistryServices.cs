using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.History;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Web.Cli;
using Microsoft.AspNetCore.Http.Json;

namespace AssetRegistry.Web.Infrastructure;

/// <summary>JSON written by the API: Chinese text as itself rather than \uXXXX escapes; HTML-significant
/// characters stay escaped.</summary>
public static class ApiJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}

/// <summary>Registers the database, the domain services and the error handling.</summary>
public static class RegistryServices
{
    public static WebApplicationBuilder AddRegistry(this WebApplicationBuilder builder)
    {
        var database = DatabaseOptions.From(builder.Configuration);
        var cs = database.WithConnectTimeout(StartupChecks.RequireConnectionString(builder.Configuration));
        var dataSource = PersistenceSetup.BuildDataSource(ReadReplica.Named(cs, ReadReplica.PrimaryApplicationName));
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddDbContext<RegistryDbContext>(o => PersistenceSetup.Configure(o, dataSource));
        builder.Services.AddOptions<RegistryRules>().Bind(builder.Configuration.GetSection("Registry"))
            .Validate(r => r.SewerEndToleranceMetres > 0 && r.MaxPageSize > 0 && r.DefaultPageSize > 0 && r.MaxRequestBodyBytes > 0,
                "Registry rules must be positive.")
            .Validate(r => r.SameGeometryToleranceMetres >= 0, "Registry:SameGeometryToleranceMetres may not be negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RegistryRules>>().Value);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<AssetEditor>();
        builder.Services.AddScoped<AssetHistory>();
        builder.Services.AddSingleton<FeatureReader>();
        builder.Services.AddSingleton<AssetSearch>();
        builder.Services.AddSingleton<AssetLookup>();
        builder.Services.AddSingleton<AssetRegistry.Domain.Districts.DistrictMap>();
        builder.Services.AddSingleton<AssetRegistry.Domain.Tiles.VectorTiles>();
        builder.AddJobsHosting(cs);
        AssetRegistry.Web.Inspections.InspectionEndpoints.AddInspections(builder.Services);
        AssetRegistry.Web.WorkLists.WorkListEndpoints.AddWorkLists(builder.Services);
        AssetRegistry.Web.Analysis.AnalysisEndpoints.AddAnalysis(builder.Services);
        AssetRegistry.Web.Statistics.StatisticsEndpoints.AddStatistics(builder.Services);
        AssetRegistry.Web.Interchange.ExportEndpoints.AddExports(builder.Services);
        AssetRegistry.Web.Imports.ImportEndpoints.AddImports(builder.Services, builder.Configuration);
        builder.AddReadReplica(dataSource, database);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Encoder = ApiJson.Options.Encoder;
        });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Registry:MaxRequestBodyBytes") ?? 10 * 1024 * 1024);
        return builder;
    }
}
