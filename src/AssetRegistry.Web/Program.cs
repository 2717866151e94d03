using AssetRegistry.Web.Cli;

var builder = WebApplication.CreateBuilder(args);
if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args, builder.Configuration);

var app = builder.Build();
app.Run();
return 0;

public partial class Program;
