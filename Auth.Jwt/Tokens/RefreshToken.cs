namespace Auth.Jwt.Tokens;

/// <summary>A stored refresh token: its SHA-256 digest and what it grants, never the token itself.</summary>
public sealed class RefreshToken
{
    /// <summary>Hex SHA-256 of the token.</summary>
    public string Id { get; set; } = "";

    /// <summary>Every token descended from one login shares it; access tokens carry it as <c>sid</c>.</summary>
    public string FamilyId { get; set; } = "";

    public string UserId { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string Scope { get; set; } = "";

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Set once rotated: the digest of the token that replaced this one.</summary>
    public string? SuccessorDigest { get; set; }

    public DateTimeOffset? RotatedAt { get; set; }

    /// <summary>
    /// The successor token sealed with a key derived from this token, so only a client holding this
    /// token can recover it during the grace window. Useless to anyone reading the database.
    /// </summary>
    public string? SealedSuccessor { get; set; }
}
