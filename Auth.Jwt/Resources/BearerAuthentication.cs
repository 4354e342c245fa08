using Auth.Jwt.Http;
using Auth.Jwt.Keys;
using Auth.Jwt.Security;
using Auth.Jwt.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Auth.Jwt.Resources;

/// <summary>
/// ASP.NET Core's JwtBearer handler on the shared validation parameters, answering in DRF's bodies
/// with RFC 6750 challenges (DESIGN.md 6). Every endpoint needs a token unless it says otherwise.
/// </summary>
public static class BearerAuthentication
{
    public const string Realm = "api";
    private const string MalformedHeaderKey = "auth-jwt:malformed-authorization";

    public static IServiceCollection AddBearerAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<TokenOptions>, SigningKeys>((bearer, tokens, keys) =>
            {
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = JwtParameters.Create(tokens.Value, keys);
                bearer.Events = new JwtBearerEvents
                {
                    OnMessageReceived = ReadAuthorizationHeaderOnly,
                    OnChallenge = ChallengeAsync,
                };
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build());
        return services;
    }

    /// <summary>
    /// The token comes from the Authorization header alone (any case of "Bearer"), never the query
    /// string or a cookie. "Bearer" with no token, or with spaces in it, is a malformed request (400).
    /// </summary>
    private static Task ReadAuthorizationHeaderOnly(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value)
        {
            context.NoResult();
            return Task.CompletedTask;
        }

        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            context.NoResult();
            return Task.CompletedTask;
        }

        if (parts.Length != 2)
        {
            context.HttpContext.Items[MalformedHeaderKey] = parts.Length == 1
                ? "Invalid token header. No credentials provided."
                : "Invalid token header. Token string should not contain spaces.";
            context.NoResult();
            return Task.CompletedTask;
        }

        context.Token = parts[1];
        return Task.CompletedTask;
    }

    private static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var response = context.Response;
        IResult body;
        if (context.HttpContext.Items[MalformedHeaderKey] is string malformed)
        {
            response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\",error=\"invalid_request\"";
            body = Drf.Detail(StatusCodes.Status400BadRequest, malformed);
        }
        else if (context.AuthenticateFailure is not null)
        {
            response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\",error=\"invalid_token\",error_description=\"The access token is invalid.\"";
            body = Drf.Detail(StatusCodes.Status401Unauthorized, Drf.Messages.NotAuthenticated);
        }
        else
        {
            response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\"";
            body = Drf.Detail(StatusCodes.Status401Unauthorized, Drf.Messages.NotAuthenticated);
        }

        await body.ExecuteAsync(context.HttpContext);
    }
}
