using Microsoft.AspNetCore.Identity;

namespace AssetRegistry.Domain.Users;

/// <summary>A person who signs in. Roles are Identity roles named by <see cref="Roles"/>.</summary>
public sealed class RegistryUser : IdentityUser
{
    public string? DisplayName { get; set; }
}

/// <summary>The role names, and who may do what.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Engineer = "engineer";
    public const string Crew = "crew";
    public const string Planner = "planner";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Engineer, Crew, Planner, Viewer];

    /// <summary>Roles allowed to create, change and delete assets.</summary>
    public static readonly IReadOnlyList<string> Editors = [Admin, Engineer];
}
