using Auth.Jwt.Clients;
using Auth.Jwt.Http;

namespace Auth.Jwt.Tokens;

/// <summary>RFC 7009 revocation (logout) and RFC 7662 introspection (DESIGN.md 7).</summary>
public static class RevocationEndpoints
{
    public static readonly OAuthError MissingToken = new(StatusCodes.Status400BadRequest, "invalid_request", "Missing token parameter.");
    public static readonly OAuthError ForeignToken = new(StatusCodes.Status400BadRequest, "invalid_request", "The token was not issued to this client.");

    public static void MapRevocationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/o/revoke_token/", RevokeAsync).AllowAnonymous().WithName("Revoke")
            .WithSummary("Revoke a refresh or access token (RFC 7009); 200 with an empty body, also for unknown tokens.")
            .AcceptsBody<RevokeRequest>("application/x-www-form-urlencoded")
            .Produces(StatusCodes.Status200OK)
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OAuthErrorResponse>(StatusCodes.Status401Unauthorized);
        app.MapPost("/o/introspect/", IntrospectAsync).AllowAnonymous().WithName("Introspect")
            .WithSummary("Describe a token to a confidential client (RFC 7662).")
            .AcceptsBody<IntrospectRequest>("application/x-www-form-urlencoded")
            .Produces<IntrospectionResponse>()
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OAuthErrorResponse>(StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, ClientAuthenticator clients, TokenRevoker revoker, CancellationToken cancellationToken)
    {
        var (request, error) = await OAuthRequest.ReadAsync(context.Request, cancellationToken);
        if (request is null)
        {
            return error!.ToResult(context);
        }

        var authentication = clients.Authenticate(context.Request, request.Form);
        if (authentication is not ClientAuthentication.Authenticated { Client: var client })
        {
            return ClientError(authentication).ToResult(context);
        }

        if (request["token"] is not { } token)
        {
            return MissingToken.ToResult(context);
        }

        // RFC 7009 2.1: the hint only speeds the lookup; every kind is tried, so a wrong hint changes nothing.
        return await revoker.RevokeAsync(token, client) switch
        {
            RevokeOutcome.ForeignToken => ForeignToken.ToResult(context),
            _ => Results.Ok(),
        };
    }

    private static async Task<IResult> IntrospectAsync(HttpContext context, ClientAuthenticator clients, TokenIntrospector introspector, CancellationToken cancellationToken)
    {
        var (request, error) = await OAuthRequest.ReadAsync(context.Request, cancellationToken);
        if (request is null)
        {
            return error!.ToResult(context);
        }

        // RFC 7662 2.1: only a confidential client (a resource server) may ask; a user's Bearer token is no client.
        var authentication = clients.Authenticate(context.Request, request.Form);
        if (authentication is not ClientAuthentication.Authenticated { Client: { Type: ClientType.Confidential } client })
        {
            return ClientError(authentication).ToResult(context);
        }

        if (request["token"] is not { } token)
        {
            return MissingToken.ToResult(context);
        }

        return Results.Json(await introspector.IntrospectAsync(token, client), Drf.JsonOptions);
    }

    /// <summary>As at /o/token/: two authentication methods at once is a bad request, anything else a bad client.</summary>
    private static OAuthError ClientError(ClientAuthentication authentication) =>
        authentication is ClientAuthentication.Ambiguous
            ? OAuthError.InvalidRequest with { Description = "Use one client authentication method." }
            : OAuthError.InvalidClient;
}
