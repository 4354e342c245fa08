using Auth.Jwt.Clients;
using Auth.Jwt.Http;

namespace Auth.Jwt.Tokens;

public static class TokenEndpoints
{
    public static void MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/o/token/", ExchangeAsync).AllowAnonymous().WithName("Token")
            .WithSummary("OAuth2 token endpoint: grant_type=password or refresh_token (RFC 6749).")
            .AcceptsBody<TokenRequest>("application/x-www-form-urlencoded")
            .Produces<TokenResponse>()
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OAuthErrorResponse>(StatusCodes.Status401Unauthorized)
            .Produces<OAuthErrorResponse>(StatusCodes.Status429TooManyRequests)
            .Produces<OAuthErrorResponse>(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> ExchangeAsync(
        HttpContext context,
        ClientAuthenticator clients,
        PasswordGrant passwordGrant,
        RefreshTokenGrant refreshTokenGrant,
        TokensLog log,
        CancellationToken cancellationToken)
    {
        var (request, error) = await OAuthRequest.ReadAsync(context.Request, cancellationToken);
        if (request is null)
        {
            return error!.ToResult(context);
        }

        var grantType = request["grant_type"];
        if (grantType is null)
        {
            // RFC 6749 5.2; DOT answers unsupported_grant_type.
            return OAuthError.InvalidRequest.ToResult(context);
        }

        if (!GrantTypes.Supported.Contains(grantType, StringComparer.Ordinal))
        {
            return OAuthError.UnsupportedGrantType.ToResult(context);
        }

        Client client;
        switch (clients.Authenticate(context.Request, request.Form))
        {
            case ClientAuthentication.Authenticated authenticated:
                client = authenticated.Client;
                break;
            case ClientAuthentication.Ambiguous:
                return (OAuthError.InvalidRequest with { Description = "Use one client authentication method." }).ToResult(context);
            default:
                log.Refused(OAuthError.InvalidClient.Error, null);
                return OAuthError.InvalidClient.ToResult(context);
        }

        var result = grantType == GrantTypes.Password
            ? await passwordGrant.HandleAsync(request, client, context.Connection.RemoteIpAddress?.ToString(), cancellationToken)
            : refreshTokenGrant.Handle(request, client);

        if (result.Error is { } refused)
        {
            log.Refused(refused.Error, client.Id);
            return refused.ToResult(context);
        }

        return Results.Json(result.Tokens, Drf.JsonOptions);
    }
}
