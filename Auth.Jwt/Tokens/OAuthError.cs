using Auth.Jwt.Http;

namespace Auth.Jwt.Tokens;

/// <summary>RFC 6749 5.2 error answers of the <c>/o/</c> endpoints.</summary>
public sealed record OAuthError(int Status, string Error, string? Description = null, int? RetryAfterSeconds = null)
{
    public static readonly OAuthError InvalidRequest = new(StatusCodes.Status400BadRequest, "invalid_request");
    public static readonly OAuthError InvalidClient = new(StatusCodes.Status401Unauthorized, "invalid_client");
    public static readonly OAuthError InvalidGrant = new(StatusCodes.Status400BadRequest, "invalid_grant");
    public static readonly OAuthError InvalidCredentials = new(StatusCodes.Status400BadRequest, "invalid_grant", "Invalid credentials given.");
    public static readonly OAuthError UnauthorizedClient = new(StatusCodes.Status400BadRequest, "unauthorized_client");
    public static readonly OAuthError UnsupportedGrantType = new(StatusCodes.Status400BadRequest, "unsupported_grant_type");
    public static readonly OAuthError InvalidScope = new(StatusCodes.Status400BadRequest, "invalid_scope");

    /// <summary>429 for a throttled login: RFC 6749's shape, RFC 8628's <c>slow_down</c>, the wait in <c>Retry-After</c>.</summary>
    public static OAuthError Throttled(TimeSpan wait) =>
        new(StatusCodes.Status429TooManyRequests, "slow_down", "Too many failed logins; retry after the time in Retry-After.", (int)Math.Ceiling(wait.TotalSeconds));

    public static OAuthError Missing(string parameter) =>
        new(StatusCodes.Status400BadRequest, "invalid_request", $"Request is missing {parameter} parameter.");

    public IResult ToResult(HttpContext context)
    {
        if (Status == StatusCodes.Status401Unauthorized)
        {
            // RFC 6749 5.2: the scheme the client used, Basic (DOT sends Bearer).
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"api\"";
        }

        if (RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = new Dictionary<string, string> { ["error"] = Error };
        if (Description is not null)
        {
            body["error_description"] = Description;
        }

        return Results.Json(body, Drf.JsonOptions, statusCode: Status);
    }
}
