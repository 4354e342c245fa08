namespace Auth.Jwt.Accounts;

public sealed class User
{
    /// <summary>Stable, random; the JWT <c>sub</c>. Never the username, which a user may not keep.</summary>
    public string Id { get; set; } = "";

    /// <summary>As the user typed it (after NFKC), for display.</summary>
    public string Username { get; set; } = "";

    /// <summary>NFKC + case folded: the unique key, so <c>Pony</c> cannot sit beside <c>pony</c>.</summary>
    public string NormalizedUsername { get; set; } = "";

    /// <summary>Argon2id PHC string; never the password.</summary>
    public string PasswordHash { get; set; } = "";

    public DateTimeOffset DateJoined { get; set; }
}
