using Auth.Jwt.Keys;
using Auth.Jwt.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Jwt.Security;

/// <summary>
/// The only <see cref="TokenValidationParameters"/> of the service, used by the JwtBearer handler
/// and by introspection, and the constants the issuer signs with. Every rule is pinned here.
/// </summary>
public static class JwtParameters
{
    public const string Algorithm = SecurityAlgorithms.RsaSha256;

    /// <summary>RFC 9068: access tokens are typed, so an ID token or another JWT cannot pass for one.</summary>
    public const string AccessTokenType = "at+jwt";

    public static TokenValidationParameters Create(TokenOptions tokens, SigningKeys keys) => new()
    {
        ValidIssuer = tokens.Issuer,
        ValidAudience = tokens.Audience,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        RequireAudience = true,
        ValidAlgorithms = [Algorithm],
        ValidTypes = [AccessTokenType],
        ClockSkew = tokens.ClockSkew,
        // Only our own keys, found by kid: never a key named in the token (jwk, jku, x5u).
        TryAllIssuerSigningKeys = false,
        IssuerSigningKeyResolver = (_, _, kid, _) => keys.Find(kid) is { } key ? [key] : [],
        NameClaimType = "username",
        SaveSigninToken = false,
    };
}
