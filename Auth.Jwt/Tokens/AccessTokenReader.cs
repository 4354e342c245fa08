using Auth.Jwt.Keys;
using Auth.Jwt.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Jwt.Tokens;

/// <summary>
/// Validates an access token outside the request pipeline (revocation, introspection) with the same
/// parameters as the JwtBearer handler, and the same denylist.
/// </summary>
public sealed class AccessTokenReader(IOptions<TokenOptions> options, SigningKeys keys, Denylist denylist)
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };
    private readonly Microsoft.IdentityModel.Tokens.TokenValidationParameters _parameters = JwtParameters.Create(options.Value, keys);

    /// <summary>The token if it is one of ours and valid now, revoked or not; null otherwise.</summary>
    public async Task<JsonWebToken?> ReadAsync(string token)
    {
        // Refresh tokens and garbage are not JWTs: skip the validation machinery for them.
        if (token.Length > 16 * 1024 || !Handler.CanReadToken(token))
        {
            return null;
        }

        var result = await Handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        return result.IsValid ? (JsonWebToken)result.SecurityToken : null;
    }

    public bool IsRevoked(JsonWebToken token) =>
        denylist.IsRevoked(token.TryGetClaim("sid", out var sid) ? sid.Value : null, token.Id);
}
