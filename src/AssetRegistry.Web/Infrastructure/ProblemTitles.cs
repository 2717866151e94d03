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
    public const string QueryCancelled = "The database cancelled the query.";
    public const string Busy = "The server is busy.";
    public const string Unexpected = "An unexpected error occurred.";
    public const string Antiforgery = "The antiforgery token is missing or invalid.";
    public const string CrossSite = "Cross-site writes are refused.";
    public const string TooManyRequests = "Too many requests.";

    private static readonly Dictionary<string, string> Chinese = new()
    {
        [Validation] = "请求无效。", [NotFound] = "未找到。", [Stale] = "他人已修改此要素。", [PreconditionRequired] = "缺少 If-Match。",
        [Conflict] = "请求与已存数据冲突。", [TooLarge] = "请求体过大。", [UnsupportedMediaType] = "不支持的媒体类型。",
        [Unauthorized] = "需要登录。", [Forbidden] = "您的角色无权执行此操作。", [DatabaseUnavailable] = "数据库不可用。", [QueryCancelled] = "数据库取消了本次查询。", [Busy] = "服务器繁忙。",
        [Unexpected] = "发生意外错误。", [Antiforgery] = "防伪令牌缺失或无效。", [CrossSite] = "拒绝跨站写请求。",
        [TooManyRequests] = "请求过于频繁。",
    };

    /// <summary>The title in the client's language (Chinese when it prefers zh, else English).</summary>
    public static string In(string title, bool chinese) => chinese && Chinese.TryGetValue(title, out var zh) ? zh : title;

    /// <summary>True when the request's Accept-Language prefers Chinese (the map page sends its language).</summary>
    public static bool PrefersChinese(HttpRequest request)
    {
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return preferred?.Value.Value?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true;
    }
}

/// <summary>The request body is larger than allowed: 413.</summary>
public sealed class PayloadTooLargeException(long limit) : Exception($"The body is larger than {limit / (1024 * 1024)} MB.");

/// <summary>A write came without If-Match: 428.</summary>
public sealed class PreconditionRequiredException() : Exception(
    "Send If-Match with the ETag of the feature you edited (GET it first), or If-Match: * to overwrite whatever is stored.");

/// <summary>The body is not JSON: 415.</summary>
public sealed class UnsupportedMediaTypeException(string? contentType) : Exception(
    $"Send application/geo+json, application/json or application/merge-patch+json, not {contentType}.");
