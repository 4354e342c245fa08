namespace Auth.Jwt.Tokens;

/// <summary>A revoked family id (<c>sid</c>) or access-token id (<c>jti</c>), kept until the last token it covers has expired.</summary>
public sealed class Revocation
{
    /// <summary><c>sid:FAMILY</c> or <c>jti:ID</c>.</summary>
    public string Id { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was written, so other processes can read what is new since they last looked.</summary>
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The persisted half of the denylist; the in-memory half and its rules are <see cref="Denylist"/>.</summary>
public interface IRevocationStore
{
    /// <summary>Adds or replaces the entry with this id.</summary>
    void Put(Revocation revocation);

    IReadOnlyList<Revocation> ListUnexpired(DateTimeOffset now);

    IReadOnlyList<Revocation> ListRecordedSince(DateTimeOffset since);

    int DeleteExpired(DateTimeOffset now);
}
