namespace AssetRegistry.Web.Infrastructure;

/// <summary>Every ProblemDetails title the API uses, in one place.</summary>
public static class ProblemTitles
{
    public const string Validation = "The request is not valid.";
    public const string NotFound = "Not found.";
    public const string Stale = "The feature was changed by someone else.";
    public const string PreconditionRequired = "If-Match is required.";
    public const string Conflict = "The request conflicts with stored data.";
    public const string TooLarge = "The request body is too large.";
    public const string UnsupportedMediaType = "Unsupported media type.";
    public const string Unauthorized = "Sign-in required.";
    public const string Forbidden = "Not allowed for your role.";
    public const string DatabaseUnavailable = "The database is not available.";
    public const string Unexpected = "An unexpected error occurred.";
}

/// <summary>The request body is larger than allowed: 413.</summary>
public sealed class PayloadTooLargeException(long limit) : Exception($"The body is larger than {limit / (1024 * 1024)} MB.");

/// <summary>A write came without If-Match: 428.</summary>
public sealed class PreconditionRequiredException() : Exception(
    "Send If-Match with the ETag of the feature you edited (GET it first), or If-Match: * to overwrite whatever is stored.");

/// <summary>The body is not JSON: 415.</summary>
public sealed class UnsupportedMediaTypeException(string? contentType) : Exception(
    $"Send application/geo+json, application/json or application/merge-patch+json, not {contentType}.");
