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
        TypeValidator = ValidateHeader,
        ClockSkew = tokens.ClockSkew,
        // Only our own keys, found by kid: never a key named in the token (jwk, jku, x5u).
        TryAllIssuerSigningKeys = false,
        IssuerSigningKeyResolver = (_, _, kid, _) => keys.Find(kid) is { } key ? [key] : [],
        NameClaimType = "username",
        SaveSigninToken = false,
    };

    /// <summary>
    /// The header checks the library leaves out. RFC 7515 4.1.11: a token naming a critical extension
    /// must be rejected unless it is understood, and we understand none. RFC 9068 2.1: <c>typ</c> is
    /// <c>at+jwt</c> (media types are case-insensitive, the <c>application/</c> prefix optional).
    /// </summary>
    private static string ValidateHeader(string type, SecurityToken token, TokenValidationParameters parameters)
    {
        if (token is Microsoft.IdentityModel.JsonWebTokens.JsonWebToken jwt && jwt.TryGetHeaderValue<object>("crit", out _))
        {
            throw new SecurityTokenInvalidTypeException("The token names a critical header extension (crit), which is not supported.");
        }

        if (!string.Equals(type, AccessTokenType, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(type, "application/" + AccessTokenType, StringComparison.OrdinalIgnoreCase))
        {
            throw new SecurityTokenInvalidTypeException($"The token type must be {AccessTokenType}.") { InvalidType = type };
        }

        return type;
    }
}
