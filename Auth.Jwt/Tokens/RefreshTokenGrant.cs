using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;

namespace Auth.Jwt.Tokens;

/// <summary>RFC 6749 6 with rotation, reuse detection (RFC 9700 4.14) and the grace rule (DESIGN.md 3).</summary>
public sealed class RefreshTokenGrant(
    IUserStore users,
    RefreshTokens refreshTokens,
    SessionRevoker sessions,
    AccessTokenIssuer issuer,
    TokensLog log,
    Telemetry.AuthMetrics metrics)
{
    public static readonly OAuthError MissingToken = new(StatusCodes.Status400BadRequest, "invalid_request", "Missing refresh token parameter.");

    public GrantResult Handle(OAuthRequest request, Client client)
    {
        if (request["refresh_token"] is not { } token)
        {
            return MissingToken;
        }

        if (!client.Allows(GrantTypes.RefreshToken))
        {
            return OAuthError.UnauthorizedClient;
        }

        // Checked before rotating: a refused request must not burn the token.
        var stored = refreshTokens.Find(token);
        if (stored is null || stored.ClientId != client.Id)
        {
            return OAuthError.InvalidGrant;
        }

        // A narrower scope applies to the new access token only; wider is invalid_scope.
        if (Scopes.Grant(request["scope"], stored.Scope.Split(' ')) is not { } scope)
        {
            return OAuthError.InvalidScope;
        }

        var user = users.FindById(stored.UserId);
        if (user is null)
        {
            sessions.RevokeFamily(stored.FamilyId);
            return OAuthError.InvalidGrant;
        }

        switch (refreshTokens.Rotate(token, client.Id))
        {
            case Rotation.Rotated rotated:
                var access = issuer.Issue(user, client.Id, scope, rotated.Successor.FamilyId);
                log.Refreshed(user.Id, client.Id, rotated.Successor.FamilyId, rotated.WasGrace);
                metrics.TokenIssued(GrantTypes.RefreshToken);
                return new TokenResponse(access.Token, access.ExpiresIn, "Bearer", scope, rotated.SuccessorToken);
            case Rotation.ReuseDetected reuse:
                log.RefreshReuseDetected(reuse.Presented.FamilyId, reuse.Presented.UserId, client.Id);
                metrics.RefreshReuseDetected();
                return OAuthError.InvalidGrant;
            default:
                return OAuthError.InvalidGrant;
        }
    }
}
