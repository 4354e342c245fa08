using Auth.Jwt.Accounts;
using Auth.Jwt.Clients;

namespace Auth.Jwt.Tokens;

/// <summary>RFC 7662: what a resource server without our keys learns about a token.</summary>
public sealed class TokenIntrospector(AccessTokenReader accessTokens, RefreshTokens refreshTokens, IUserStore users, TimeProvider time)
{
    private static readonly Dictionary<string, object> Inactive = new() { ["active"] = false };

    public async Task<Dictionary<string, object>> IntrospectAsync(string token, Client caller)
    {
        if (await accessTokens.ReadAsync(token).ConfigureAwait(false) is { } access)
        {
            if (accessTokens.IsRevoked(access))
            {
                return Inactive;
            }

            return new Dictionary<string, object>
            {
                ["active"] = true,
                ["scope"] = access.GetClaim("scope").Value,
                ["exp"] = ToUnix(access.ValidTo),
                ["iat"] = ToUnix(access.IssuedAt),
                ["client_id"] = access.GetClaim("client_id").Value,
                ["username"] = access.GetClaim("username").Value,
                ["sub"] = access.Subject,
                ["token_type"] = "Bearer",
            };
        }

        // A refresh token is only described to the client it was issued to, and only while it can be used.
        if (refreshTokens.Find(token) is { SuccessorDigest: null } refresh
            && refresh.ClientId == caller.Id
            && refresh.ExpiresAt > time.GetUtcNow()
            && users.FindById(refresh.UserId) is { } user)
        {
            return new Dictionary<string, object>
            {
                ["active"] = true,
                ["scope"] = refresh.Scope,
                ["exp"] = refresh.ExpiresAt.ToUnixTimeSeconds(),
                ["iat"] = refresh.IssuedAt.ToUnixTimeSeconds(),
                ["client_id"] = refresh.ClientId,
                ["username"] = user.Username,
                ["sub"] = user.Id,
                ["token_type"] = "refresh_token",
            };
        }

        return Inactive;
    }

    private static long ToUnix(DateTime utc) => new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeSeconds();
}
