using AssetRegistry.Web.Auth;

namespace AssetRegistry.Web.Infrastructure;

public static class AppStartup
{
    /// <summary>Creates the roles, and in Development the demo users (password from <c>Seed:DemoPassword</c>).</summary>
    public static async Task PrepareUsersAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        await DemoUsers.EnsureRolesAsync(scope.ServiceProvider);
        var password = app.Configuration["Seed:DemoPassword"];
        if (app.Environment.IsDevelopment() && !string.IsNullOrEmpty(password))
            await DemoUsers.EnsureUsersAsync(scope.ServiceProvider, password);
    }
}
