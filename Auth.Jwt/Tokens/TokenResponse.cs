using System.Text.Json.Serialization;

namespace Auth.Jwt.Tokens;

/// <summary>RFC 6749 5.1, keys in DOT's order.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("refresh_token")] string RefreshToken);

/// <summary>What a grant gives back: tokens or an RFC 6749 error.</summary>
public sealed record GrantResult(TokenResponse? Tokens, OAuthError? Error)
{
    public static implicit operator GrantResult(TokenResponse tokens) => new(tokens, null);

    public static implicit operator GrantResult(OAuthError error) => new(null, error);
}
