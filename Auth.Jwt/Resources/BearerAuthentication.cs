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
                    OnTokenValidated = RefuseRevoked,
                    OnChallenge = ChallengeAsync,
                    OnForbidden = ForbiddenAsync,
                };
            });

        services.AddHttpContextAccessor();
        services.AddSingleton<IAuthorizationHandler, ReadWriteScopeHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build())
            .AddPolicy(ReadWriteScopeRequirement.Policy, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new ReadWriteScopeRequirement()));
        return services;
    }

    /// <summary>
    /// The token comes from the Authorization header alone (any case of "Bearer"), never the query
    /// string or a cookie. "Bearer" with no token, or with spaces in it, is a malformed request (400).
    /// </summary>
    private static Task ReadAuthorizationHeaderOnly(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization;
        var parts = header.Count == 1 ? header[0]!.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (parts.Length == 2 && parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            context.Token = parts[1];
            return Task.CompletedTask;
        }

        if (parts.Length > 0 && parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            context.HttpContext.Items[MalformedHeaderKey] = parts.Length == 1
                ? "Invalid token header. No credentials provided."
                : "Invalid token header. Token string should not contain spaces.";
        }

        // No token, or another scheme: anonymous (the query string and cookies are never read).
        context.NoResult();
        return Task.CompletedTask;
    }

    /// <summary>The in-process cut-off: a revoked family or token id fails here, from memory.</summary>
    private static Task RefuseRevoked(TokenValidatedContext context)
    {
        var denylist = context.HttpContext.RequestServices.GetRequiredService<Denylist>();
        if (denylist.IsRevoked(context.Principal?.FindFirst("sid")?.Value, context.Principal?.FindFirst("jti")?.Value))
        {
            context.Fail("The token has been revoked.");
        }

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

    private static async Task ForbiddenAsync(ForbiddenContext context)
    {
        var scope = ReadWriteScopeRequirement.RequiredScope(context.Request.Method);
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\",error=\"insufficient_scope\",scope=\"{scope}\"";
        await Drf.Detail(StatusCodes.Status403Forbidden, "You do not have permission to perform this action.").ExecuteAsync(context.HttpContext);
    }
}
