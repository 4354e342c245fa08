using Auth.Jwt.Clients;

namespace Auth.Jwt.Tokens;

public enum RevokeOutcome
{
    Revoked,
    Unknown,
    ForeignToken,
}

/// <summary>
/// Logout, the strong way: a refresh token takes its whole family with it, and the family's access
/// tokens die here at once (their <c>sid</c>); an access token's <c>jti</c> is denied until it expires.
/// </summary>
public sealed class TokenRevoker(RefreshTokens refreshTokens, SessionRevoker sessions, AccessTokenReader accessTokens, TokensLog log, Telemetry.AuthMetrics metrics)
{
    public async Task<RevokeOutcome> RevokeAsync(string token, Client client)
    {
        if (refreshTokens.Find(token) is { } refresh)
        {
            // RFC 7009 2.1: another client's token is refused and left alone (DOT revokes it).
            if (refresh.ClientId != client.Id)
            {
                return RevokeOutcome.ForeignToken;
            }

            sessions.RevokeFamily(refresh.FamilyId);
            log.RefreshTokenRevoked(refresh.FamilyId, client.Id);
            metrics.Revoked("refresh_token");
            return RevokeOutcome.Revoked;
        }

        if (await accessTokens.ReadAsync(token).ConfigureAwait(false) is { } access)
        {
            if (!access.TryGetClaim("client_id", out var owner) || owner.Value != client.Id)
            {
                return RevokeOutcome.ForeignToken;
            }

            sessions.RevokeAccessToken(access.Id, new DateTimeOffset(access.ValidTo, TimeSpan.Zero));
            log.AccessTokenRevoked(access.Id, client.Id);
            metrics.Revoked("access_token");
            return RevokeOutcome.Revoked;
        }

        return RevokeOutcome.Unknown;
    }
}
