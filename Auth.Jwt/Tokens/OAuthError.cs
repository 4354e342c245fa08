using Auth.Jwt.Http;

namespace Auth.Jwt.Tokens;

/// <summary>RFC 6749 5.2 error answers of the <c>/o/</c> endpoints.</summary>
public sealed record OAuthError(int Status, string Error, string? Description = null)
{
    public static readonly OAuthError InvalidRequest = new(StatusCodes.Status400BadRequest, "invalid_request");
    public static readonly OAuthError InvalidClient = new(StatusCodes.Status401Unauthorized, "invalid_client");
    public static readonly OAuthError InvalidGrant = new(StatusCodes.Status400BadRequest, "invalid_grant");
    public static readonly OAuthError InvalidCredentials = new(StatusCodes.Status400BadRequest, "invalid_grant", "Invalid credentials given.");
    public static readonly OAuthError UnauthorizedClient = new(StatusCodes.Status400BadRequest, "unauthorized_client");
    public static readonly OAuthError UnsupportedGrantType = new(StatusCodes.Status400BadRequest, "unsupported_grant_type");
    public static readonly OAuthError InvalidScope = new(StatusCodes.Status400BadRequest, "invalid_scope");

    public static OAuthError Missing(string parameter) =>
        new(StatusCodes.Status400BadRequest, "invalid_request", $"Request is missing {parameter} parameter.");

    public IResult ToResult(HttpContext context)
    {
        if (Status == StatusCodes.Status401Unauthorized)
        {
            // RFC 6749 5.2: the scheme the client used, Basic (DOT sends Bearer).
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"api\"";
        }

        var body = new Dictionary<string, string> { ["error"] = Error };
        if (Description is not null)
        {
            body["error_description"] = Description;
        }

        return Results.Json(body, Drf.JsonOptions, statusCode: Status);
    }
}
