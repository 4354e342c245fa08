using Auth.Jwt.Accounts;
using Auth.Jwt.Keys;
using Auth.Jwt.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Jwt.Tokens;

public sealed record IssuedAccessToken(string Token, string Jti, DateTimeOffset ExpiresAt, int ExpiresIn);

/// <summary>RS256 access tokens in the RFC 9068 profile (DESIGN.md 4). Never stored.</summary>
public sealed class AccessTokenIssuer(IOptions<TokenOptions> options, SigningKeys keys, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly TokenOptions _options = options.Value;

    public IssuedAccessToken Issue(User user, string clientId, string scope, string familyId)
    {
        // JWT times are whole seconds; truncate so iat, nbf and exp agree exactly.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var expires = now + _options.AccessTokenLifetime;
        var jti = Secrets.NewToken(16);
        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = JwtParameters.AccessTokenType,
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = keys.Signer.Credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.Id,
                ["client_id"] = clientId,
                ["scope"] = scope,
                [JwtRegisteredClaimNames.Jti] = jti,
                ["username"] = user.Username,
                [JwtRegisteredClaimNames.Sid] = familyId,
            },
        };

        return new IssuedAccessToken(Handler.CreateToken(descriptor), jti, expires, _options.AccessTokenLifetimeSeconds);
    }
}
