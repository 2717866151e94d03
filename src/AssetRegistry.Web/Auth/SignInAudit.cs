using AssetRegistry.Domain.Security;
using AssetRegistry.Web.Security;

namespace AssetRegistry.Web.Auth;

/// <summary>How a request proved who it is, as the audit trail names it.</summary>
public static class AuthMethods
{
    public const string Cookie = "cookie";
    public const string Basic = "basic";
    public const string Token = "token";
}

/// <summary>Writes sign-ins (success and failure) to the audit trail with the client's address.</summary>
public sealed class SignInAudit(AuditTrail trail)
{
    public Task SucceededAsync(HttpContext http, string userName, string method, string? detail = null) =>
        trail.RecordAsync(new AuditEntry(userName, AuditActions.SignInSucceeded, null, detail, RateLimits.ClientIp(http), method));

    public Task FailedAsync(HttpContext http, string? userName, string method, string reason) =>
        trail.RecordAsync(new AuditEntry(userName, AuditActions.SignInFailed, null, reason, RateLimits.ClientIp(http), method));
}
