using System.Text.Json.Serialization;

namespace Auth.Jwt.Http;

// The wire shapes of requests and answers, for the OpenAPI document. The endpoints read bodies
// themselves (DRF's and RFC 6749's error rules need it), so these records describe, not bind.

public sealed record SignUpRequest([property: JsonPropertyName("username")] string Username, [property: JsonPropertyName("password")] string Password);

public sealed record SignUpResponse([property: JsonPropertyName("username")] string Username);

/// <summary>DRF's <c>{"detail": "..."}</c>.</summary>
public sealed record DetailResponse([property: JsonPropertyName("detail")] string Detail);

/// <summary>RFC 6749 5.2.</summary>
public sealed record OAuthErrorResponse([property: JsonPropertyName("error")] string Error, [property: JsonPropertyName("error_description")] string? ErrorDescription);

public sealed record TokenRequest(
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("client_id")] string? ClientId,
    [property: JsonPropertyName("client_secret")] string? ClientSecret);

public sealed record RevokeRequest(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("token_type_hint")] string? TokenTypeHint,
    [property: JsonPropertyName("client_id")] string? ClientId,
    [property: JsonPropertyName("client_secret")] string? ClientSecret);

public sealed record IntrospectRequest(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("client_id")] string? ClientId,
    [property: JsonPropertyName("client_secret")] string? ClientSecret);

public sealed record IntrospectionResponse(
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("exp")] long? Exp,
    [property: JsonPropertyName("iat")] long? Iat,
    [property: JsonPropertyName("client_id")] string? ClientId,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("sub")] string? Sub,
    [property: JsonPropertyName("token_type")] string? TokenType);

public sealed record MeResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("date_joined")] string DateJoined);

public sealed record ChangePasswordRequest([property: JsonPropertyName("password")] string Password, [property: JsonPropertyName("new_password")] string NewPassword);

public sealed record DeleteMeRequest([property: JsonPropertyName("password")] string Password);

public sealed record JsonWebKeyResponse(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Alg,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("n")] string N,
    [property: JsonPropertyName("e")] string E);

public sealed record JwksResponse([property: JsonPropertyName("keys")] IReadOnlyList<JsonWebKeyResponse> Keys);

public sealed record HealthResponse([property: JsonPropertyName("status")] string Status);

/// <summary><c>/readyz</c>: <c>ready</c>, or <c>unavailable</c> with a reason per failed check (<c>storage</c>, <c>signing_key</c>).</summary>
public sealed record ReadinessResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reasons"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Reasons);
