using AssetRegistry.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace AssetRegistry.Web.Auth;

/// <summary>
/// Creates the roles, and in Development the demo users admin, engineer, crew1 and planner with the password in
/// <c>Seed:DemoPassword</c>. Existing users are left as they are.
/// </summary>
public static class DemoUsers
{
    public static readonly IReadOnlyList<(string UserName, string Role)> All =
        [("admin", Roles.Admin), ("engineer", Roles.Engineer), ("crew1", Roles.Crew), ("planner", Roles.Planner)];

    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)));
    }

    public static async Task EnsureUsersAsync(IServiceProvider services, string password)
    {
        var users = services.GetRequiredService<UserManager<RegistryUser>>();
        foreach (var (name, role) in All)
        {
            if (await users.FindByNameAsync(name) is not null) continue;
            var user = new RegistryUser { UserName = name, DisplayName = name };
            Check(await users.CreateAsync(user, password));
            Check(await users.AddToRoleAsync(user, role));
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
