namespace Auth.Jwt.Clients;

public enum ClientType
{
    Public,
    Confidential,
}

public static class GrantTypes
{
    public const string Password = "password";
    public const string RefreshToken = "refresh_token";

    public static readonly IReadOnlyList<string> Supported = [Password, RefreshToken];
}

/// <summary>An OAuth application, as DOT's Application model.</summary>
public sealed class Client
{
    /// <summary>The client_id: random, URL-safe.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public ClientType Type { get; set; }

    /// <summary>Hex SHA-256 of the secret (confidential clients only); the secret itself is shown once.</summary>
    public string? SecretDigest { get; set; }

    public List<string> GrantTypes { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public bool Allows(string grantType) => GrantTypes.Contains(grantType, StringComparer.Ordinal);
}
